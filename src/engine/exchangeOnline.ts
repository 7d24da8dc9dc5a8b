// One Exchange Online detector for every kind: output from a Connect-ExchangeOnline session answers
// nothing about on-premises Exchange and its RMS connector, whatever cmdlet produced it. The signs:
// PSComputerName of the EXO endpoints, the `[Server=…PROD.OUTLOOK.COM,RequestId=…]` tail of EXO
// errors (on-premises errors carry the tail too, with an on-premises server name), properties that
// exist only in Exchange Online (facts.md a.2), and the connection commands themselves.
import type { Finding } from './types';

const EXO_HOSTS = /\bPSComputerName {0,60}: {0,4}(?:outlook\.office365\.com|ps\.outlook\.com|outlook\.office\.de|partner\.outlook\.cn|outlook\.office365\.us|webmail\.apps\.mil)\b/i;
const EXO_SERVER_TAIL = /\[Server=(?:[A-Za-z0-9]{4,24}\.(?:[A-Za-z0-9-]{2,24}\.){0,3}(?:prod\.outlook\.com|outlook\.com)|[A-Z]{2,4}\d[A-Z]{1,3}\d{2}MB\d{3,5})\b/i;
const EXO_PROPERTIES = /^\s{0,16}(AzureRMSLicensingEnabled|SimplifiedClientAccessEnabled|SimplifiedClientAccessDoNotForwardDisabled|SimplifiedClientAccessEncryptOnlyDisabled|DecryptAttachmentForEncryptOnly|EnablePdfEncryption|EnablePortalTrackingLogs|RejectIfRecipientHasNoRights) {0,60}:/m;
const EXO_COMMANDS = /Connect-ExchangeOnline|outlook\.office365\.com\/powershell-liveid|ps\.outlook\.com\/powershell|-RMSOnline\b/i;
const WINDOW = 256 * 1024;

/** What showed the paste came from Exchange Online, or null. */
export function exchangeOnlineEvidence(text: string, commands: readonly string[] = []): string | null {
  const head = text.length > WINDOW ? text.slice(0, WINDOW) : text;
  const host = EXO_HOSTS.exec(head);
  if (host) return host[0].replace(/\s+/g, ' ');
  const tail = EXO_SERVER_TAIL.exec(head);
  if (tail) return tail[0];
  const prop = EXO_PROPERTIES.exec(head);
  if (prop) return `the Exchange Online-only property ${prop[1]}`;
  const cmd = commands.find((c) => EXO_COMMANDS.test(c));
  return cmd ? `the command ${cmd.slice(0, 80)}` : null;
}

export const EXCHANGE_ONLINE_NEXT =
  'This output comes from Exchange Online. This troubleshooting is for on-premises Exchange servers that use the RMS connector: ' +
  'run the same command in the Exchange Management Shell on an on-premises Exchange server (not in a Connect-ExchangeOnline session) and paste that. ' +
  'For Exchange Online itself, Microsoft Purview Message Encryption is set up with Set-IRMConfiguration in Exchange Online, without the connector.';

export function exchangeOnlineFinding(evidence: string): Finding {
  return {
    id: 'input.exchange-online',
    severity: 'warning',
    summary: 'This output comes from Exchange Online, not from your on-premises Exchange.',
    detail: `It shows ${evidence}. The RMS connector serves on-premises Exchange servers only, so their output is what matters here.`,
    seedStep: 'P1',
    fix: null,
  };
}

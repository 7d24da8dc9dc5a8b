// Turns a PowerShell error into the next concrete step: which shell, which module, which parameter.
import type { CaseContext, Finding } from '../types';
import { PS_CATALOGUE } from '../parsers/powershellError';
import type { PowershellErrorFacts } from '../parsers/powershellError';

export const POWERSHELL_ERROR_FINDING_IDS = [
  'ps.not-exchange-shell', 'ps.module-missing', 'ps.parameter-prompt', 'ps.rms-version-mismatch', 'ps.access-denied', 'ps.exception',
  'ps.connector-unauthorized', 'ps.aipservice-needs-windows-powershell', 'ps.aip-connect-failed', 'ps.module-not-installed',
  'ps.tpd-import-failed', 'ps.template-not-found', 'ps.placeholder-in-command',
] as const;

/** Finding ids of the catalogued kinds (kind -> id); module-load is worded for AIPService. */
const CATALOGUE_IDS: Record<string, string> = { 'module-load': 'ps.aipservice-needs-windows-powershell' };

const EXCHANGE_CMDLET = /-(IRM\w{0,40}|ExchangeServer|RMS\w{0,40})$/i;

export function powershellErrorRules(f: PowershellErrorFacts, ctx: CaseContext): Finding[] {
  const out = findingsFor(f, ctx);
  if (f.placeholder) {
    out.push({
      id: 'ps.placeholder-in-command',
      severity: 'warning',
      summary: `The command was run with the documentation placeholder ${f.placeholder} instead of a real value.`,
      detail: 'Put your own value in its place: the tenant URL is LicensingIntranetDistributionPointUrl from Get-AipServiceConfiguration without /_wmcs/licensing, the connector URL is its load-balanced name.',
      seedStep: 'P2',
      fix: null,
    });
  }
  return out;
}

function findingsFor(f: PowershellErrorFacts, ctx: CaseContext): Finding[] {
  const cmdlet = f.cmdlet ?? 'the command';
  const entry = PS_CATALOGUE.errors.find((e) => e.kind === f.errorKind);
  if (entry) {
    return [{ id: CATALOGUE_IDS[entry.kind] ?? `ps.${entry.kind}`, severity: entry.severity, summary: entry.summary, detail: entry.detail, seedStep: entry.seedStep, fix: entry.fix }];
  }
  switch (f.errorKind) {
    case 'not-recognized': {
      const mod = f.cmdlet ? PS_CATALOGUE.modules.find((m) => m.cmdlet.test(f.cmdlet!)) : undefined;
      if (mod) {
        return [{
          id: 'ps.module-missing',
          severity: 'info',
          summary: `${cmdlet} is not available: the ${mod.module} PowerShell module is not installed or not imported.`,
          detail: mod.note,
          seedStep: 'P2',
          fix: mod.fix,
        }];
      }
      const exchange = !!f.cmdlet && EXCHANGE_CMDLET.test(f.cmdlet);
      return [{
        id: 'ps.not-exchange-shell',
        severity: 'info',
        summary: `${cmdlet} is not recognised: it was run in plain PowerShell, not in the Exchange Management Shell.`,
        detail: exchange
          ? 'Open "Exchange Management Shell" from the Start menu on an Exchange server (or connect a remote session to it) and run the command there. If it already was the Exchange Management Shell, your account lacks the RBAC role that holds the cmdlet (Organization Management, or a role group with "Information Rights Management").'
          : 'Run the command where that tool is installed.',
        seedStep: f.cmdlet && /Test-IRM/i.test(f.cmdlet) ? 'A3' : 'A4a',
        fix: null,
      }];
    }
    case 'parameter-prompt': {
      const sender = ctx.testSender ?? '<a mailbox in your organisation>';
      const isTest = !!f.cmdlet && /Test-IRMConfiguration/i.test(f.cmdlet);
      return [{
        id: 'ps.parameter-prompt',
        severity: 'info',
        summary: `${cmdlet} stopped to ask for ${f.parameter ?? 'a mandatory parameter'} and printed no result.`,
        seedStep: isTest ? 'A3' : null,
        fix: isTest ? `Test-IRMConfiguration -Sender ${sender}` : null,
      }];
    }
    case 'rms-version-mismatch':
      return [{
        id: 'ps.rms-version-mismatch',
        severity: 'problem',
        summary: 'Exchange says the RMS server does not meet the version requirements: this Exchange server or its RMS client (MSDRM) is too old or not Cryptographic Mode 2 capable.',
        detail: 'Check the Exchange build (Get-ExchangeServer) against the documented minimums (Exchange 2010 SP3 RU6, 2013 CU3, any 2016/2019) and the MSDRM hotfixes on Windows Server 2008/2008 R2 (KB2627272/KB2627273).',
        seedStep: 'A8c',
        fix: 'Get-ExchangeServer | Format-List Name,Edition,AdminDisplayVersion\nGet-Command ExSetup | ForEach-Object { $_.FileVersionInfo }',
        articleDiffers: 'The article asks for "2010 CU2 or 2013 RU1", which do not exist; the documented minimums are Exchange 2010 SP3 RU6 and Exchange 2013 CU3.',
      }];
    case 'access-denied':
      return [{
        id: 'ps.access-denied',
        severity: 'problem',
        summary: `${cmdlet} was refused: the account running it lacks the rights it needs.`,
        detail: 'IRM configuration cmdlets need the Organization Management role (or a role with the IRM cmdlets); reg and certutil need an elevated prompt.',
        seedStep: null,
        fix: null,
      }];
    default:
      return [{
        id: 'ps.exception',
        severity: 'problem',
        summary: `${cmdlet} failed: ${f.message}`,
        detail: f.errorId ? `Error id: ${f.errorId}` : undefined,
        seedStep: null,
        fix: null,
      }];
  }
}

export function powershellErrorNext(f: PowershellErrorFacts): string {
  const entry = PS_CATALOGUE.errors.find((e) => e.kind === f.errorKind);
  if (entry) return entry.next;
  switch (f.errorKind) {
    case 'not-recognized': {
      const mod = f.cmdlet ? PS_CATALOGUE.modules.find((m) => m.cmdlet.test(f.cmdlet!)) : undefined;
      return mod ? `Install and import the ${mod.module} module (see above), run the command again and paste its output.` : 'Run the command in the right shell (see above) and paste its output.';
    }
    case 'rms-version-mismatch':
      return 'Paste Get-ExchangeServer | Format-List Name,AdminDisplayVersion and the ExSetup file version of this server, so I can check it against the connector minimum.';
    case 'access-denied':
      return 'Run it again from an account in the Organization Management role group (or an elevated prompt for reg/certutil) and paste the output.';
    case 'parameter-prompt':
      return 'Run the command again with the parameter on the command line and paste the result.';
    default:
      return 'Fix the error above and run the command again, or paste the error into the case if you cannot.';
  }
}

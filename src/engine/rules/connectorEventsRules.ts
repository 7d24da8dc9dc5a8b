// Judges the connector's events with the article's step 5 (1002 = Exchange really calls the connector,
// 2001 = not authorised, 3000 = connector error) and the monitoring doc's full catalogue of 11 IDs,
// which adds 2000/2002/2003/3001 and the SSL-inspection reading of 3000 that the article lacks.
import { FILTER_COMMAND, connectorEventInfo } from '../connectorEventCatalog';
import { joinFix, regAddRedirection, versionKeyOf } from '../fixes';
import { realValue } from '../placeholders';
import { EVENTS_PER_ID, type ConnectorEvent, type ConnectorEventsFacts, type ConnectorNode } from '../parsers/connectorEventsFacts';
import type { CaseContext, Finding, Severity } from '../types';

const SSL_INSPECTION_TEXT = 'therequestfailedwithanemptyresponse';
const MAX_NAMES = 6;

function has(n: ConnectorNode, id: number): boolean {
  return (n.counts[String(id)] ?? 0) > 0;
}
function total(f: ConnectorEventsFacts, id: number): number {
  return f.nodes.reduce((s, n) => s + (n.counts[String(id)] ?? 0), 0);
}
function eventsOf(f: ConnectorEventsFacts, id: number): ConnectorEvent[] {
  return f.nodes.flatMap((n) => n.events.filter((e) => e.id === id));
}
function nodeLabel(n: ConnectorNode): string {
  return n.name ?? 'the connector node';
}
function nodesWith(f: ConnectorEventsFacts, id: number): ConnectorNode[] {
  return f.nodes.filter((n) => has(n, id));
}
/** Messages wrap mid-word in Format-List, so text is matched with all whitespace removed. */
function squash(s: string): string {
  return s.replace(/\s+/g, '').toLowerCase();
}
function isSslInspection(e: ConnectorEvent): boolean {
  return squash(e.message).includes(SSL_INSPECTION_TEXT);
}
function snippet(s: string, max = 300): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max) + '...' : one;
}

/** Accounts (DOMAIN\NAME$) and computers named in event messages; the layout is undocumented, so several shapes are tried. */
export function principalsIn(events: ConnectorEvent[]): { accounts: string[]; computers: string[] } {
  const accounts = new Set<string>();
  const computers = new Set<string>();
  for (const e of events) {
    const text = e.message.slice(0, 2048);
    for (const m of text.matchAll(/\b(?:account|user)(?: ?name)?\s{0,3}[:=]\s{0,3}([^\s,;]{1,128})/gi)) if (!/^S-1-/i.test(m[1]!)) accounts.add(m[1]!);
    for (const m of text.matchAll(/\b([A-Za-z0-9][\w-]{0,14}\\[\w.-]{1,64}\$?)/g)) accounts.add(m[1]!);
    for (const m of text.matchAll(/\b(?:computer|machine|client)(?: ?name)?\s{0,3}[:=]\s{0,3}([A-Za-z0-9][\w.-]{0,254})/gi)) computers.add(m[1]!);
  }
  return { accounts: [...accounts].slice(0, MAX_NAMES), computers: [...computers].slice(0, MAX_NAMES) };
}

function principalsText(events: ConnectorEvent[]): string {
  const { accounts, computers } = principalsIn(events);
  const parts: string[] = [];
  if (accounts.length) parts.push(`account(s) ${accounts.join(', ')}`);
  if (computers.length) parts.push(`computer(s) ${computers.join(', ')}`);
  return parts.join('; ');
}

function where(nodes: ConnectorNode[]): string {
  const named = nodes.filter((n) => n.name).map(nodeLabel);
  return named.length === 0 ? '' : ` on ${named.join(', ')}`;
}

function finding(id: string, severity: Severity, eventId: number, summary: string, extra: Partial<Finding> = {}, nodes: ConnectorNode[] = []): Finding {
  const info = connectorEventInfo(eventId);
  const f: Finding = {
    id,
    severity,
    summary,
    // Info events need no action ("None"): their meaning is enough.
    detail: info ? (severity === 'info' ? info.meaning : `${info.meaning} ${info.action}`) : undefined,
    seedStep: info?.seedStep ?? 'A5',
    fix: null,
    ...extra,
  };
  if (info?.articleDiffers && extra.articleDiffers === undefined) f.articleDiffers = info.articleDiffers;
  if (f.detail === undefined) delete f.detail;
  if (nodes.length === 1 && nodes[0]!.name) f.server = nodes[0]!.name;
  return f;
}

function authoriseFix(refused: string[]): string {
  return joinFix([
    '# In the RMS connector administration tool (on any connector node): Add > the "Exchange Servers" security group, role "Exchange Server".',
    '# The connector downloads the list every 15 minutes: wait for event 1004, then retry (Test-IRMConfiguration on Exchange).',
    '# Check that every Exchange server is a member of the group (AD PowerShell):',
    'Get-ADGroupMember "Exchange Servers" | Select-Object Name',
    ...(refused.length ? [`# Refused by the connector: ${refused.join(', ')}`] : []),
    '# The connector must not be installed on an Exchange server (unsupported: it then cannot identify the caller).',
  ]);
}

/** The connector URL when the case knows a real one (never a placeholder, a masked value or a doc sample). */
function knownConnector(ctx: CaseContext): string | undefined {
  return realValue(ctx.connectorUrl);
}

/** The probe of seed step 5, or null when the connector URL is not known yet (a fix never holds a placeholder). */
function probeCommand(ctx: CaseContext): string | null {
  const c = knownConnector(ctx);
  return c ? `Invoke-WebRequest -Uri "${c}/_wmcs/certification/servercertification.asmx" -UseDefaultCredentials -UseBasicParsing` : null;
}

/** The documented redirection values, only when both URLs are known and real. */
function redirectionFixes(ctx: CaseContext): string[] {
  if (!knownConnector(ctx) || !realValue(ctx.tenantUrl)) return [];
  return [regAddRedirection('CertificationServerRedirection', ctx), regAddRedirection('LicenseServerRedirection', ctx)];
}

/** Event Viewer copies, XML views and bare messages show one or a few events, not the log: absence proves nothing. */
function isSnippet(f: ConnectorEventsFacts): boolean {
  return ['event-viewer-text', 'event-xml', 'message-text'].includes(f.format) && f.connectorEventCount <= 3;
}

function no1002(f: ConnectorEventsFacts, ctx: CaseContext): Finding {
  const v = versionKeyOf(ctx);
  const articleDiffers =
    'The article says Exchange "must be 2010 CU2 or 2013 RU1"; neither exists. The documented minimum is Exchange 2010 SP3 RU6 or Exchange 2013 CU3 (2016 and 2019: any build).';
  const connected = total(f, 2002) + total(f, 1003) > 0;
  if (connected) {
    // A separate id: the flow routes on ids, and "no-1002" would send this case to "Exchange is not calling".
    return finding('events.connected-no-1002', 'info', 1002, 'No event 1002 in these events, but 2002/1003 show that servers do connect to the connector.', {
      detail: '1002 is logged only the first time an account connects after being authorised, so an older 1002 may simply be outside the events you pasted.',
      articleDiffers,
    });
  }
  // 2000/2001/2003 mean servers are refused (or cannot be let in), which is not "Exchange is not calling".
  const blocked = [2000, 2001, 2003].filter((id) => total(f, id) > 0);
  const refused = blocked.length > 0;
  return finding(
    'events.no-1002',
    'problem',
    1002,
    refused
      ? `No event 1002 on any connector node: no server has been let in yet (see event ${blocked.join('/')}).`
      : 'No event 1002 on any connector node: Exchange is not calling the connector.',
    {
      detail: refused
        ? `Fix what event ${blocked.join('/')} reports first; 1002 appears when an authorised Exchange account first connects.`
        : `Most likely the Exchange build is too old${ctx.exchangeProduct ? ` (this case: ${ctx.exchangeProduct})` : ''}, or the CertificationServerRedirection / ` +
          'LicenseServerRedirection registry values are missing or wrong on the Exchange servers, or DNS / load balancing sends the connector name elsewhere. ' +
          '1002 is logged only the first time an account connects after being authorised, so include events since the connector was authorised.',
      fix: refused
        ? null
        : joinFix([
            '# On each Exchange server, check the redirection values (tenant URL -> connector URL):',
            `reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${v}\\IRM" /s`,
            ...(redirectionFixes(ctx).length ? ['# They should be (documented form):', ...redirectionFixes(ctx)] : []),
            ...(probeCommand(ctx)
              ? ['# Then probe the connector from the Exchange server: an IIS error (401) is fine, no answer means DNS / IP / load balancer:', probeCommand(ctx)!]
              : []),
          ]),
      ...(refused ? {} : { articleDiffers }),
    },
  );
}

function iisAuthFix(): string {
  return joinFix([
    '# On each connector node, IIS Manager > Default Web Site > _wmcs > Authentication: Anonymous = Disabled, Windows Authentication = Enabled. Check with:',
    '%windir%\\system32\\inetsrv\\appcmd.exe list config "Default Web Site/_wmcs/certification" -section:system.webServer/security/authentication/anonymousAuthentication',
    '%windir%\\system32\\inetsrv\\appcmd.exe list config "Default Web Site/_wmcs/certification" -section:system.webServer/security/authentication/windowsAuthentication',
    'iisreset',
  ]);
}

function httpsFix(ctx: CaseContext): string {
  const known = knownConnector(ctx);
  const https: CaseContext = { ...ctx, connectorUrl: known ? known.replace(/^http:/i, 'https:') : undefined };
  const redirect = redirectionFixes(https);
  return joinFix([
    '# On each connector node: bind a server-authentication certificate for the connector name to the Default Web Site (https, port 443).',
    redirect.length
      ? '# Then on each Exchange server point the redirection at https:'
      : '# Then on each Exchange server change both redirection values (CertificationServerRedirection, LicenseServerRedirection) from http:// to https://, and check:',
    ...(redirect.length ? redirect : [`reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${versionKeyOf(ctx)}\\IRM" /s`]),
  ]);
}

export const PROXY_FIX = joinFix([
  '# On EACH connector node (elevated), when the connector must use a web proxy:',
  '# The proxy this node uses for everything else (WinHTTP and the browser setting):',
  'netsh winhttp show proxy',
  '$proxy = Read-Host "Proxy for the connector (http://host:port)"',
  'reg add "HKLM\\SOFTWARE\\Microsoft\\AADRM\\Connector" /v ProxyAddress /t REG_SZ /d $proxy /f',
  'iisreset',
  '# Within 15 minutes event 1004 (list of authorized accounts updated) should appear.',
]);

export function connectorEventsRules(f: ConnectorEventsFacts, ctx: CaseContext): Finding[] {
  if (f.connectorEventCount === 0) return [];
  const out: Finding[] = [];
  const count = (id: number): string => `${total(f, id)} event(s) ${id}${where(nodesWith(f, id))}`;

  const documented = f.nodes.some((n) => Object.keys(n.counts).some((id) => connectorEventInfo(+id) !== undefined));
  if (total(f, 1002) > 0) {
    const who = principalsText(eventsOf(f, 1002));
    out.push(finding('events.1002-present', 'info', 1002, `Exchange really is calling the connector: ${count(1002)}${who ? ` (${who})` : ''}.`, {}, nodesWith(f, 1002)));
  } else if (documented && !isSnippet(f)) out.push(no1002(f, ctx)); // only undocumented IDs: nothing to judge (shape incomplete)

  if (total(f, 2000) > 0) {
    out.push(finding('events.2000', 'problem', 2000, `The connector cannot identify the caller (${count(2000)}): IIS must have Anonymous Authentication off and Windows Authentication on.`, { fix: iisAuthFix() }, nodesWith(f, 2000)));
  }
  if (total(f, 2001) > 0) {
    const ev = eventsOf(f, 2001);
    const { accounts, computers } = principalsIn(ev);
    const nodes = nodesWith(f, 2001);
    const sameBox = computers.some((c) => nodes.some((n) => n.name && n.name.toLowerCase().split('.')[0] === c.toLowerCase().split('.')[0]));
    const who = principalsText(ev);
    out.push(
      finding('events.2001', 'problem', 2001, `A server is not authorised to use the connector (${count(2001)})${who ? `: ${who}` : ''}.`, {
        fix: authoriseFix([...accounts, ...computers]),
        ...(sameBox
          ? { detail: `${connectorEventInfo(2001)!.meaning} Here the refused computer is the connector node itself: the connector is installed on the server that uses it (unsupported); install it on separate servers.` }
          : {}),
      }, nodes),
    );
  }
  if (total(f, 2002) > 0) {
    const who = principalsText(eventsOf(f, 2002));
    out.push(finding('events.2002', 'warning', 2002, `Servers use plain HTTP to the connector (${count(2002)})${who ? `: ${who}` : ''}; configure HTTPS.`, { fix: httpsFix(ctx) }, nodesWith(f, 2002)));
  }
  if (total(f, 2003) > 0) {
    out.push(finding('events.2003', 'problem', 2003, `The connector's authorisation list is empty (${count(2003)}): no server can use it.`, { fix: authoriseFix([]) }, nodesWith(f, 2003)));
  }

  const e3000 = eventsOf(f, 3000);
  const ssl = e3000.filter(isSslInspection);
  if (ssl.length > 0) {
    const nodes = f.nodes.filter((n) => n.events.some((e) => e.id === 3000 && isSslInspection(e)));
    out.push(
      finding('events.3000-ssl-inspection', 'problem', 3000, `Event 3000 "The request failed with an empty response"${where(nodes)}: something inspects SSL/TLS between Exchange and the connector.`, {
        detail: 'SSL inspection between the on-premises servers and the connector is not supported. Reinstalling the connector will not help.',
        fix: joinFix([
          `# On the proxy / firewall / load balancer: exempt traffic between the Exchange servers and ${knownConnector(ctx) ?? 'the connector name'} (ports 80/443) from SSL/TLS inspection.`,
          `# Then retest on an Exchange server with a mailbox of yours: Test-IRMConfiguration -Sender ${realValue(ctx.testSender) ?? '$mailbox'}`,
        ]),
        articleDiffers:
          'The article says to reinstall the connector node on event 3000; the monitoring doc says "The request failed with an empty response" means SSL inspection between the servers and the connector (unsupported), which a reinstall does not fix.',
      }, nodes),
    );
  }
  const plain3000 = total(f, 3000) - ssl.length;
  if (plain3000 > 0) {
    const sample = e3000.find((e) => !isSslInspection(e));
    const nodes = f.nodes.filter((n) => (n.counts['3000'] ?? 0) > n.events.filter((e) => e.id === 3000 && isSslInspection(e)).length);
    out.push(
      finding('events.3000', 'problem', 3000, `Unhandled exception in the connector (${plain3000} event(s) 3000${where(nodes)}).`, {
        detail: `The exception text says what failed${sample?.message ? `: "${snippet(sample.message)}"` : ''}. Act on that before reinstalling anything.`,
        fix: joinFix(['# Full text of the latest 3000 events (on the connector node):', FILTER_COMMAND.replace("ProviderName='Microsoft RMS connector'}", "ProviderName='Microsoft RMS connector'; Id=3000}")]),
      }, nodes),
    );
  }
  if (total(f, 3001) > 0) {
    const sample = eventsOf(f, 3001)[0];
    out.push(
      finding('events.3001', 'problem', 3001, `The connector cannot reach Azure RMS to download its authorisation list (${count(3001)}); usually the web proxy.`, {
        detail: `DNS, no Internet access, or a web proxy the connector is not configured for.${sample?.message ? ` Message: "${snippet(sample.message)}"` : ''}`,
        fix: PROXY_FIX,
      }, nodesWith(f, 3001)),
    );
  }
  if (total(f, 1004) > 0) {
    out.push(finding('events.1004-present', 'info', 1004, `The connector downloaded its authorisation list from Azure RMS (${count(1004)}): it talks to Azure.`, {}, nodesWith(f, 1004)));
  }
  for (const id of [1000, 1001, 1003]) {
    const info = connectorEventInfo(id)!;
    if (total(f, id) > 0) out.push(finding(`events.${id}`, 'info', id, `${info.headline} (${count(id)})`, {}, nodesWith(f, id)));
  }
  if (f.undocumentedIds.length > 0) {
    const sample = f.undocumentedIds.map((id) => eventsOf(f, id)[0]).find((e) => e && e.message);
    out.push({
      id: 'events.undocumented',
      severity: 'info',
      summary: `Connector event ID(s) ${f.undocumentedIds.join(', ')} are not in Microsoft's documentation; I can't tell what they mean.`,
      detail: `The connector documents only 1000-1004, 2000-2003 and 3000-3001. Read the message itself${sample ? `, e.g. "${snippet(sample.message)}"` : ''}.`,
      seedStep: 'A5',
      fix: null,
    });
  }
  const differ = nodesDiffer(f);
  if (differ) out.push(differ);
  if (f.messagesTruncated && [1002, 2001, 3000, 3001].some((id) => total(f, id) > 0)) {
    out.push({
      id: 'events.messages-truncated',
      severity: 'info',
      summary: 'The table format cut the event messages ("..."), so accounts, computers and exception details are missing.',
      seedStep: 'A5',
      fix: FILTER_COMMAND,
    });
  }
  return out;
}

/** A node that logs 2001/3000 while the others do not is the odd one out (seed step 6). */
function nodesDiffer(f: ConnectorEventsFacts): Finding | null {
  if (f.nodes.length < 2) return null;
  for (const id of [2001, 3000]) {
    const odd = nodesWith(f, id);
    if (odd.length === 0 || odd.length === f.nodes.length) continue;
    const others = f.nodes.filter((n) => !odd.includes(n));
    return {
      id: 'events.nodes-differ',
      severity: 'warning',
      summary: `Only ${odd.map(nodeLabel).join(', ')} log${odd.length === 1 ? 's' : ''} event ${id}; ${others.map(nodeLabel).join(', ')} do${others.length === 1 ? 'es' : ''} not.`,
      detail:
        id === 2001
          ? 'The nodes disagree on who is authorised: a node may not have refreshed its list (event 1004 every 15 minutes), or the refused server is authorised by a different rule or role than the others.'
          : 'One node fails where the others work: compare that node (its event 3000 text, proxy setting, certificates) with a healthy node.',
      seedStep: 'A6',
      fix: null,
      ...(odd.length === 1 && odd[0]!.name ? { server: odd[0]!.name } : {}),
    };
  }
  return null;
}

/** Pastes from several connector nodes: nodes with the same (short) name are combined. */
export function mergeConnectorEvents(all: ConnectorEventsFacts[]): ConnectorEventsFacts {
  const byKey = new Map<string, ConnectorNode>();
  all.forEach((f, i) => {
    for (const n of f.nodes) {
      const name = n.name ?? (all.length > 1 ? `paste ${i + 1}` : null);
      const key = name ? name.toLowerCase().split('.')[0]! : '';
      const into = byKey.get(key);
      if (!into) {
        byKey.set(key, { name, events: [...n.events], counts: { ...n.counts } });
        continue;
      }
      for (const [id, c] of Object.entries(n.counts)) into.counts[id] = (into.counts[id] ?? 0) + c;
      for (const e of n.events) if (into.events.filter((x) => x.id === e.id).length < EVENTS_PER_ID) into.events.push(e);
    }
  });
  const formats = new Set(all.map((f) => f.format).filter((x) => x !== 'unknown'));
  return {
    format: formats.size === 0 ? 'unknown' : formats.size === 1 ? [...formats][0]! : 'mixed',
    nodes: [...byKey.values()],
    connectorEventCount: all.reduce((s, f) => s + f.connectorEventCount, 0),
    otherEventCount: all.reduce((s, f) => s + f.otherEventCount, 0),
    undocumentedIds: [...new Set(all.flatMap((f) => f.undocumentedIds))].sort((a, b) => a - b),
    messagesTruncated: all.some((f) => f.messagesTruncated),
    noMatchError: all.every((f) => f.noMatchError),
  };
}

export function connectorEventsNext(f: ConnectorEventsFacts, findings: Finding[], ctx: CaseContext): string {
  if (f.connectorEventCount === 0) return `Run this on each RMS connector node (not on Exchange) and paste the result: ${FILTER_COMMAND}`;
  const ids = new Set(findings.filter((x) => x.severity !== 'info').map((x) => x.id));
  const sender = realValue(ctx.testSender) ?? 'a mailbox of yours';
  if (ids.has('events.3000-ssl-inspection')) return `Exempt the Exchange-to-connector traffic from SSL inspection, then run Test-IRMConfiguration -Sender ${sender} on an Exchange server and paste it.`;
  if (ids.has('events.3001')) return 'Give the connector its way out to Azure RMS (ProxyAddress + iisreset on every node), then paste the connector events again: look for 1004 within 15 minutes.';
  if (ids.has('events.2003') || ids.has('events.2001')) return `Authorise the "Exchange Servers" group (role Exchange Server) in the connector administration tool, wait 15 minutes for event 1004, then run Test-IRMConfiguration -Sender ${sender} and paste it.`;
  if (ids.has('events.2000')) return 'Fix the IIS authentication on every connector node (Anonymous off, Windows on), iisreset, then paste the connector events again.';
  if (ids.has('events.3000')) return `Paste the full text of the 3000 events: ${FILTER_COMMAND.replace("ProviderName='Microsoft RMS connector'}", "ProviderName='Microsoft RMS connector'; Id=3000}")}`;
  if (ids.has('events.no-1002'))
    return `Paste the redirection registry values from an Exchange server (reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\${versionKeyOf(ctx)}\\IRM" /s) and the result of probing the connector from it: ${probeCommand(ctx) ?? 'Invoke-WebRequest to the connector URL in those values, /_wmcs/certification/servercertification.asmx, with -UseDefaultCredentials'}`;
  const onlyUndocumented = f.nodes.every((n) => Object.keys(n.counts).every((id) => connectorEventInfo(+id) === undefined));
  if (onlyUndocumented)
    return `Only undocumented IDs here. Paste the events from every connector node in full: ${FILTER_COMMAND}`;
  if (ids.size === 1 && ids.has('events.2002'))
    return `Switching the connector to HTTPS is recommended but optional. Otherwise the log looks healthy: run Test-IRMConfiguration -Sender ${sender} on an Exchange server (seed step 3) and paste the result.`;
  if (ids.size > 0) return 'Fix the items above on the connector nodes, then paste the connector events again.';
  if (isSnippet(f))
    return `That is ${f.connectorEventCount === 1 ? 'one event' : 'a few events'}, not the log: to see whether Exchange calls the connector (1002) and whether it talks to Azure RMS (1004), paste the connector's events from each node: ${FILTER_COMMAND}`;
  return `The connector log looks healthy (Exchange calls it and it talks to Azure RMS). Next, run Test-IRMConfiguration -Sender ${sender} on an Exchange server (seed step 3) and paste the result.`;
}

// Judges a probe of the connector URL. Seed step 5: an IIS error page means the name resolves and the
// load balancer forwards (OK); no response means DNS, IP or load balancing. Seed step 8a/8b: TLS failures
// mean the CRL is unreachable or the connector's certificate is not trusted by the Exchange server.
// Identity first: a probe of a Microsoft 365 endpoint is judged as one (never "the connector", never
// "create a DNS record"), and a host the poster masked or took from the docs never reaches a fix.
import { isMicrosoftEndpoint, microsoftEndpointRole } from '../microsoftEndpoints';
import type { WebProbeFacts } from '../parsers/webProbe';
import { realValue } from '../placeholders';
import type { CaseContext, Finding } from '../types';
import { hostOf, isAzureRmsHost, originOf, pathOf } from '../urls';

function isLocal(host: string | null): boolean {
  return !!host && /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\])$/i.test(host);
}

/** What was probed, before any rule: the connector, a Microsoft endpoint, or some other host. */
export type ProbeTarget = 'connector' | 'microsoft' | 'other';

export function probeTargetOf(f: WebProbeFacts, ctx: CaseContext): ProbeTarget {
  if (isMicrosoftEndpoint(f.host) || isAzureRmsHost(f.host ?? undefined)) return 'microsoft';
  if (f.url && /\/_wmcs(\/|$)/i.test(pathOf(f.url))) return 'connector';
  const known = hostOf(ctx.connectorUrl ?? '');
  if (known && f.host === known) return 'connector';
  // No URL at all (a bare error): the article's probe is of the connector, so that is the likeliest target.
  return f.host ? 'other' : 'connector';
}

/** Host and port to test, from the paste or else from what the case knows; host null when no real one is known. */
function target(f: WebProbeFacts, ctx: CaseContext): { host: string | null; port: number } {
  const url = f.url ?? realValue(ctx.connectorUrl) ?? '';
  const host = realValue(f.host ?? undefined) ?? realValue(hostOf(url)) ?? null;
  const port = /:(\d{1,5})(?:\/|$)/.exec(url.replace(/^https?:\/\//i, ''))?.[1];
  return { host, port: port ? +port : /^http:/i.test(url) ? 80 : 443 };
}

/** Saves the certificate the server presents, so certutil can check it on this Exchange server. */
function exportCertCommand(host: string, port: number): string {
  return (
    `$t = New-Object Net.Sockets.TcpClient('${host}', ${port}); $s = New-Object Net.Security.SslStream($t.GetStream(), $false, {$true}); ` +
    `$s.AuthenticateAsClient('${host}'); [IO.File]::WriteAllBytes('C:\\temp\\connector.cer', $s.RemoteCertificate.Export('Cert')); $t.Close()`
  );
}

function tlsFix(host: string | null, port: number): string {
  return [
    '# On the Exchange server (elevated PowerShell): save the certificate the server presents, then let Windows check it',
    'New-Item -ItemType Directory -Force C:\\temp | Out-Null',
    host
      ? exportCertCommand(host, port)
      : "# In a browser on this server: open the URL, View certificate > Details > Copy to File (DER) > C:\\temp\\connector.cer",
    'certutil -verify -urlfetch C:\\temp\\connector.cer',
  ].join('\n');
}

function netFix(host: string | null, port: number): string | null {
  return host ? `Test-NetConnection ${host} -Port ${port}\nResolve-DnsName ${host}` : null;
}

function probeAgain(ctx: CaseContext): string | null {
  const c = realValue(ctx.connectorUrl);
  return c ? `Invoke-WebRequest -Uri "${c}/_wmcs/certification/servercertification.asmx" -UseDefaultCredentials -UseBasicParsing` : null;
}

const TLS_REASON_TEXT: Record<string, string> = {
  revocation: 'Windows could not check whether the certificate is revoked: the CRL / OCSP address of the issuing CA is not reachable from this server (seed step 8a).',
  revoked: 'The certificate the server presents has been revoked by its CA: issue a new one and bind it on every connector node.',
  'name-mismatch': "The certificate does not contain the name that was probed: it must carry the connector's load-balanced FQDN as CN or SAN DNS name.",
  expired: 'The certificate the server presents has expired (or is not valid yet): renew it on every connector node.',
  handshake: 'The TLS handshake failed: an invalid certificate, a CRL that cannot be checked (seed step 8a), or a TLS version mismatch (the connector needs TLS 1.2).',
};

/** A Microsoft endpoint that did not answer or failed TLS: this server's way out to Microsoft 365, not the connector. */
function microsoftFindings(f: WebProbeFacts, host: string, port: number): Finding[] {
  const role = microsoftEndpointRole(host);
  const out: Finding[] = [
    {
      id: 'probe.microsoft-endpoint',
      severity: 'info',
      summary: `This probed ${host} (${role}), a Microsoft endpoint, not the RMS connector.`,
      detail:
        "The article's reachability test is the connector URL from the Exchange redirection registry values, probed from an Exchange server. " +
        'Microsoft endpoints matter to the connector nodes (they download the authorisation list from Azure RMS, event 1004 / 3001).',
      seedStep: 'A5',
      fix: null,
    },
  ];
  if (f.outcome === 'dns-failure' || f.outcome === 'connect-failure' || f.outcome === 'timeout') {
    out.push({
      id: 'probe.microsoft-endpoint-unreachable',
      severity: 'problem',
      summary: `This server cannot reach ${host}${f.outcome === 'dns-failure' ? ' (its name does not resolve here)' : ''}: its way out to Microsoft 365 is blocked.`,
      detail:
        'Microsoft publishes these names; nothing is created in your DNS for them. Check the DNS forwarders / resolvers this server uses, the web proxy ' +
        '(on a connector node: the ProxyAddress value, event 3001) and the firewall allow-list for the Microsoft 365 endpoints.',
      seedStep: 'A5',
      fix: [`Resolve-DnsName ${host}`, `Test-NetConnection ${host} -Port ${port}`, 'netsh winhttp show proxy'].join('\n'),
    });
  } else if (f.outcome === 'tls-untrusted' || f.outcome === 'tls-invalid') {
    out.push({
      id: 'probe.microsoft-endpoint-tls',
      severity: 'problem',
      summary: `The TLS connection to ${host} failed on this server: something between it and Microsoft 365 replaces or blocks the certificate.`,
      detail:
        `${f.tlsReason === 'revocation' ? "Windows could not check the certificate's revocation: the CRL/OCSP addresses of Microsoft's CAs are blocked from this server. " : ''}` +
        'Microsoft\'s certificates chain to public roots, so the usual cause is TLS inspection by a proxy or firewall (unsupported for this traffic) or a root store that no longer updates. ' +
        'Exempt the Microsoft 365 endpoints from inspection; the certificate this server receives shows who issued it.',
      seedStep: f.tlsReason === 'revocation' ? 'A8a' : 'A8b',
      fix: tlsFix(host, port),
    });
  }
  return out;
}

/** A hybrid connectivity check: several hosts, each judged as what it is (Microsoft endpoint or not). */
function targetsRules(f: WebProbeFacts & { targets: NonNullable<WebProbeFacts['targets']> }): Finding[] {
  const out: Finding[] = [];
  const ms = f.targets.filter((t) => isMicrosoftEndpoint(t.host));
  const own = f.targets.filter((t) => !isMicrosoftEndpoint(t.host));
  const msBad = ms.filter((t) => t.ok === false);
  const ownBad = own.filter((t) => t.ok === false);
  if (ms.length) {
    out.push({
      id: 'probe.microsoft-endpoint',
      severity: 'info',
      summary: `${ms.map((t) => t.host).join(', ')}: Microsoft endpoint${ms.length > 1 ? 's' : ''}, not the RMS connector.`,
      detail: 'The connector nodes need them (authorisation list from Azure RMS, events 1004 / 3001); Exchange reaches the connector by its own name.',
      seedStep: 'A5',
      fix: null,
    });
  }
  if (msBad.length) {
    out.push({
      id: 'probe.microsoft-endpoint-unreachable',
      severity: 'problem',
      summary: `This server cannot reach ${msBad.map((t) => t.host).join(', ')}: its way out to Microsoft 365 is blocked.`,
      detail:
        'Microsoft publishes these names; nothing is created in your DNS for them. Check the DNS forwarders this server uses, the web proxy ' +
        '(on a connector node: the ProxyAddress value, event 3001) and the firewall allow-list for the Microsoft 365 endpoints.',
      seedStep: 'A5',
      fix: [...msBad.slice(0, 3).map((t) => `Test-NetConnection ${t.host} -Port 443`), 'netsh winhttp show proxy'].join('\n'),
    });
  }
  for (const t of ownBad.slice(0, 3)) {
    const host = realValue(t.host);
    out.push({
      id: t.dns ? 'probe.dns-failure' : 'probe.connect-failure',
      severity: 'problem',
      summary: t.dns ? `The name ${t.host} does not resolve from this server.` : `Port 443 of ${t.host} does not answer from this server: firewall, load balancer or IIS.`,
      detail: t.dns
        ? "If it is the connector name, it needs a DNS record pointing at the load balancer's virtual IP."
        : 'The connector name must resolve to the load balancer, which forwards port 443 to the connector nodes. Check the firewall and that IIS runs on the nodes.',
      seedStep: 'A5',
      fix: host ? `Resolve-DnsName ${host}\nTest-NetConnection ${host} -Port 443` : null,
    });
  }
  if (!msBad.length && !ownBad.length) {
    out.push({ id: 'probe.reachable', severity: 'info', summary: `Every host answered on its port (${f.targets.map((t) => t.host).join(', ')}).`, seedStep: 'A5', fix: null });
  }
  return out;
}

export function webProbeRules(f: WebProbeFacts, ctx: CaseContext): Finding[] {
  if (f.targets && f.targets.length > 1) return targetsRules(f as WebProbeFacts & { targets: NonNullable<WebProbeFacts['targets']> });
  const out: Finding[] = [];
  const { host, port } = target(f, ctx);
  const what = probeTargetOf(f, ctx);
  const where = f.host ? ` (${f.host})` : '';
  const subject = what === 'connector' ? `the connector${where}` : f.host ?? 'the server';

  if (what === 'microsoft' && f.host) {
    const ms = microsoftFindings(f, f.host, port);
    out.push(...ms);
    if (ms.length > 1) return out;
  }

  switch (f.outcome) {
    case 'service-ok':
      out.push({ id: 'probe.service-ok', severity: 'info', summary: `The connector's ServerCertificationWebService page answered${where}: the web service is up and reachable.`, seedStep: 'A5', fix: null });
      break;
    case 'reachable': {
      const code = f.statusCode;
      out.push({
        id: 'probe.reachable',
        severity: 'info',
        summary: `${f.tool === 'test-netconnection' ? `The TCP port answered${where}` : `The server answered${where}${code ? ` with HTTP ${code}` : ''}`}: name resolution, load balancer and port are fine.`,
        detail:
          'As the article says, an IIS error (401, 403, 404, 500) counts as reachable: what matters is that something answered.' +
          (code === 400 && /hostname/i.test(f.evidence ?? '') ? ' The 400 "Invalid Hostname" means IIS has no binding for this name: add it to the Default Web Site bindings on the connector nodes.' : ''),
        seedStep: 'A5',
        fix: null,
      });
      if (code === 502 || code === 503 || code === 504) {
        out.push({
          id: 'probe.server-error',
          severity: 'problem', // the connector service behind the answer is down: IRM breaks
          summary: `HTTP ${code}: something answered, but the connector service behind it is not working.`,
          detail: 'A 503 from IIS means the application pool of the connector is stopped; a 502/504 usually comes from the load balancer or a proxy that cannot reach the connector nodes.',
          seedStep: 'A5',
          fix: ['# On each connector node:', '%windir%\\system32\\inetsrv\\appcmd.exe list apppool', 'iisreset', ...(host ? [`Test-NetConnection ${host} -Port ${port}`] : [])].join('\n'),
        });
      }
      break;
    }
    case 'dns-failure':
      out.push({
        id: 'probe.dns-failure',
        severity: 'problem',
        summary: `The name${where} does not resolve${f.viaProxy ? ' (the proxy name)' : ''}: ${what === 'connector' ? 'no DNS record, so Exchange cannot reach the connector' : 'this server cannot find it in DNS'}.`,
        detail:
          what === 'connector'
            ? "Create the DNS record of the connector name pointing at the load balancer's virtual IP (not at a single node), on the DNS servers the Exchange servers use."
            : 'Check the name for typos and the DNS servers this machine uses. If it is your connector name, it needs a record pointing at the load balancer.',
        seedStep: 'A5',
        fix: host ? `Resolve-DnsName ${host}\nnslookup ${host}` : null,
      });
      break;
    case 'connect-failure':
    case 'timeout':
      out.push({
        id: f.outcome === 'timeout' ? 'probe.timeout' : 'probe.connect-failure',
        severity: 'problem',
        summary: f.viaProxy
          ? 'A web proxy answered instead of the connector: the probe did not reach the connector.'
          : f.outcome === 'timeout'
            ? `No answer${where}: the connection timed out (firewall, load balancer or the wrong IP).`
            : `The connection${where} was refused or dropped: the port is closed, or the load balancer / firewall blocks it.`,
        detail: `The connector name must resolve to the load balancer, which forwards port ${port} to the connector nodes (affinity None). Check the firewall between Exchange and the load balancer, and that IIS runs on the nodes.`,
        seedStep: 'A5',
        fix: netFix(host, port),
      });
      break;
    case 'tls-untrusted':
      out.push({
        id: 'probe.tls-untrusted',
        severity: 'problem',
        summary: `The TLS certificate of ${subject} is not trusted by this server.`,
        detail:
          'The certificate must chain to a root CA in the Exchange servers\' Trusted Root store (seed step 8b). With Windows PowerShell the same message can also hide a CRL that cannot be checked (8a): certutil tells them apart.',
        seedStep: 'A8b',
        fix: tlsFix(host, port),
      });
      break;
    case 'tls-invalid':
      out.push({
        id: 'probe.tls-invalid',
        severity: 'problem',
        summary: `The TLS connection to ${subject} failed: the certificate was rejected${f.tlsReason === 'revocation' ? ' (its revocation could not be checked)' : f.tlsReason === 'name-mismatch' ? ' (it does not name the host)' : f.tlsReason === 'expired' ? ' (it is not within its validity dates)' : ''}.`,
        detail: TLS_REASON_TEXT[f.tlsReason ?? 'handshake'],
        seedStep: f.tlsReason === 'revocation' || f.tlsReason === 'handshake' ? 'A8a' : 'A8b',
        fix: tlsFix(host, port),
      });
      break;
    case 'unknown':
      out.push({
        id: 'probe.unrecognised',
        severity: 'info',
        summary: 'I could not tell from this output whether the connector answered.',
        detail: 'Paste the whole output of the command, including the error lines.',
        seedStep: 'A5',
        fix: probeAgain(ctx),
      });
      break;
  }
  if (isAzureRmsHost(f.host ?? undefined)) {
    out.push({
      id: 'probe.azure-host',
      severity: 'info',
      seedStep: 'A5',
      summary: 'This probed the Azure RMS service, not the connector.',
      detail: "The article's test is the connector URL from the redirection registry values (http(s)://connector/_wmcs/licensing), probed from an Exchange server.",
      fix: realValue(ctx.connectorUrl) ? `Invoke-WebRequest -Uri "${realValue(ctx.connectorUrl)}/_wmcs/licensing" -UseDefaultCredentials -UseBasicParsing` : null,
    });
  } else if (what !== 'microsoft' && realValue(ctx.connectorUrl) && f.host && !isLocal(f.host) && hostOf(ctx.connectorUrl!) !== f.host) {
    out.push({
      id: 'probe.other-host',
      severity: 'info',
      summary: `This probed ${f.host}, but the connector URL in the registry is ${ctx.connectorUrl}.`,
      detail: 'Probing one node directly is a useful check, but Exchange uses the load-balanced name from the registry: probe that too.',
      seedStep: 'A5',
      fix: `Invoke-WebRequest -Uri "${ctx.connectorUrl}/_wmcs/licensing" -UseDefaultCredentials -UseBasicParsing`,
    });
  }
  return out;
}

/** Only a real connector URL is learnt: not a Microsoft endpoint, not localhost, not a masked host or a doc sample. */
export function webProbeContribute(f: WebProbeFacts): { connectorUrl?: string } {
  if (f.targets || !f.url || !f.host || isMicrosoftEndpoint(f.host) || isAzureRmsHost(f.host) || isLocal(f.host)) return {};
  if (!realValue(f.host) || !realValue(f.url)) return {};
  // A probe of some other site (a download, a package gallery) says nothing about the connector's URL.
  if (!/\/_wmcs(\/|$)/i.test(pathOf(f.url)) && pathOf(f.url) !== '') return {};
  const origin = originOf(f.url);
  return origin ? { connectorUrl: origin } : {};
}

export function webProbeNext(f: WebProbeFacts, _findings: Finding[], ctx: CaseContext): string {
  const { host, port } = target(f, ctx);
  const name = host ?? 'the connector name';
  if (f.targets && f.targets.length > 1) {
    const bad = f.targets.filter((t) => t.ok === false);
    if (!bad.length) return 'Every host answered. Next, probe the connector URL itself from an Exchange server (Invoke-WebRequest to /_wmcs/certification/servercertification.asmx with -UseDefaultCredentials) and paste the result.';
    return `Fix the way out to ${bad.map((t) => t.host).join(', ')} (DNS, proxy, firewall) and run the same test again.`;
  }
  if (probeTargetOf(f, ctx) === 'microsoft' && f.host) {
    if (f.outcome === 'reachable' || f.outcome === 'service-ok')
      return `${f.host} answers from here, so this server reaches Microsoft 365. The article's test is the connector itself: from an Exchange server, probe the connector URL in the redirection registry values (/_wmcs/certification/servercertification.asmx).`;
    return `Fix this server's way out to ${f.host} (proxy, firewall, TLS inspection), then probe it again; for the connector, probe the connector URL from an Exchange server as well.`;
  }
  switch (f.outcome) {
    case 'service-ok':
    case 'reachable':
      if (f.statusCode === 502 || f.statusCode === 503 || f.statusCode === 504)
        return `Check the connector's application pool and IIS on each connector node (and the load balancer's health probes), then probe ${name} again.`;
      return 'The connector is reachable from here. Next, check the connector nodes\' events for 1002/2001 (Get-WinEvent on each connector node) or run Test-IRMConfiguration on this Exchange server.';
    case 'dns-failure':
      return `Fix the DNS record of ${name} (pointing at the load balancer), then probe again from the Exchange server.`;
    case 'connect-failure':
    case 'timeout':
      return `Run Test-NetConnection ${name} -Port ${port} from the Exchange server and check the load balancer and firewalls; then probe again.`;
    case 'tls-untrusted':
    case 'tls-invalid':
      return 'Save the certificate on the Exchange server and paste the output of certutil -verify -urlfetch C:\\temp\\connector.cer (the commands are in the fix).';
    default:
      return 'Probe the connector from an Exchange server and paste the whole output: Invoke-WebRequest to the connector URL from the redirection registry values, /_wmcs/certification/servercertification.asmx, with -UseDefaultCredentials -UseBasicParsing.';
  }
}

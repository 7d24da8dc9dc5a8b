// Judges a probe of the connector URL. Seed step 5: an IIS error page means the name resolves and the
// load balancer forwards (OK); no response means DNS, IP or load balancing. Seed step 8a/8b: TLS failures
// mean the CRL is unreachable or the connector's certificate is not trusted by the Exchange server.
import { connectorOf } from '../fixes';
import type { WebProbeFacts } from '../parsers/webProbe';
import type { CaseContext, Finding } from '../types';
import { hostOf, isAzureRmsHost, originOf } from '../urls';

function isLocal(host: string | null): boolean {
  return !!host && /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|\[::1\])$/i.test(host);
}

/** Host and port to test, from the paste or else from what the case knows. */
function target(f: WebProbeFacts, ctx: CaseContext): { host: string; port: number } {
  const url = f.url ?? ctx.connectorUrl ?? connectorOf(ctx);
  const host = f.host ?? hostOf(url) ?? '<connector-fqdn>';
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

function tlsFix(host: string, port: number): string {
  return [
    '# On the Exchange server (elevated PowerShell): save the certificate the connector presents, then let Windows check it',
    'New-Item -ItemType Directory -Force C:\\temp | Out-Null',
    exportCertCommand(host, port),
    'certutil -verify -urlfetch C:\\temp\\connector.cer',
  ].join('\n');
}

const TLS_REASON_TEXT: Record<string, string> = {
  revocation: 'Windows could not check whether the certificate is revoked: the CRL / OCSP address of the issuing CA is not reachable from this server (seed step 8a).',
  revoked: 'The certificate the connector presents has been revoked by its CA: issue a new one and bind it on every connector node.',
  'name-mismatch': "The certificate does not contain the name that was probed: it must carry the connector's load-balanced FQDN as CN or SAN DNS name.",
  expired: 'The certificate the connector presents has expired (or is not valid yet): renew it on every connector node.',
  handshake: 'The TLS handshake failed: an invalid certificate, a CRL that cannot be checked (seed step 8a), or a TLS version mismatch (the connector needs TLS 1.2).',
};

export function webProbeRules(f: WebProbeFacts, ctx: CaseContext): Finding[] {
  const out: Finding[] = [];
  const { host, port } = target(f, ctx);
  const azure = isAzureRmsHost(f.host ?? undefined);
  const where = f.host ? ` (${f.host})` : '';

  switch (f.outcome) {
    case 'service-ok':
      out.push({ id: 'probe.service-ok', severity: 'info', summary: `The connector's ServerCertificationWebService page answered${where}: the web service is up and reachable.`, seedStep: 'A5', fix: null });
      break;
    case 'reachable': {
      const code = f.statusCode;
      out.push({
        id: 'probe.reachable',
        severity: 'info',
        summary: `The server answered${where}${code ? ` with HTTP ${code}` : ''}: name resolution, load balancer and port are fine.`,
        detail:
          'As the article says, an IIS error (401, 403, 404, 500) counts as reachable: what matters is that something answered.' +
          (code === 400 && /hostname/i.test(f.evidence ?? '') ? ' The 400 "Invalid Hostname" means IIS has no binding for this name: add it to the Default Web Site bindings on the connector nodes.' : ''),
        seedStep: 'A5',
        fix: null,
      });
      if (code === 502 || code === 503 || code === 504) {
        out.push({
          id: 'probe.server-error',
          severity: 'warning',
          summary: `HTTP ${code}: something answered, but the connector service behind it is not working.`,
          detail: 'A 503 from IIS means the application pool of the connector is stopped; a 502/504 usually comes from the load balancer or a proxy that cannot reach the connector nodes.',
          seedStep: 'A5',
          fix: `# On each connector node:\n%windir%\\system32\\inetsrv\\appcmd.exe list apppool\niisreset\nTest-NetConnection ${host} -Port ${port}`,
        });
      }
      break;
    }
    case 'dns-failure':
      out.push({
        id: 'probe.dns-failure',
        severity: 'problem',
        summary: `The name${where} does not resolve${f.viaProxy ? ' (the proxy name)' : ''}: no DNS record, so Exchange cannot reach the connector.`,
        detail: "Create the DNS record of the connector name pointing at the load balancer's virtual IP (not at a single node), on the DNS servers the Exchange servers use.",
        seedStep: 'A5',
        fix: `Resolve-DnsName ${host}\nnslookup ${host}`,
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
        fix: `Test-NetConnection ${host} -Port ${port}\nResolve-DnsName ${host}`,
      });
      break;
    case 'tls-untrusted':
      out.push({
        id: 'probe.tls-untrusted',
        severity: 'problem',
        summary: `The connector's TLS certificate${where} is not trusted by this Exchange server.`,
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
        summary: `The TLS connection to the connector${where} failed: the certificate was rejected.`,
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
        fix: `Invoke-WebRequest -Uri "${connectorOf(ctx)}/_wmcs/certification/servercertification.asmx" -UseDefaultCredentials -UseBasicParsing`,
      });
      break;
  }
  if (azure) {
    out.push({
      id: 'probe.azure-host',
      severity: 'info',
      seedStep: 'A5',
      summary: 'This probed the Azure RMS service, not the connector.',
      detail: 'The article\'s test is the connector URL from the redirection registry values (http(s)://<connector>/_wmcs/licensing), probed from an Exchange server.',
      fix: `Invoke-WebRequest -Uri "${connectorOf(ctx)}/_wmcs/licensing" -UseDefaultCredentials -UseBasicParsing`,
    });
  } else if (ctx.connectorUrl && f.host && !isLocal(f.host) && hostOf(ctx.connectorUrl) !== f.host) {
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

export function webProbeContribute(f: WebProbeFacts): { connectorUrl?: string } {
  if (!f.url || !f.host || isAzureRmsHost(f.host) || isLocal(f.host)) return {};
  const origin = originOf(f.url);
  return origin ? { connectorUrl: origin } : {};
}

export function webProbeNext(f: WebProbeFacts, _findings: Finding[], ctx: CaseContext): string {
  const { host, port } = target(f, ctx);
  switch (f.outcome) {
    case 'service-ok':
    case 'reachable':
      if (f.statusCode === 502 || f.statusCode === 503 || f.statusCode === 504)
        return `Check the connector's application pool and IIS on each connector node (and the load balancer's health probes), then probe ${host} again.`;
      return 'The connector is reachable from here. Next, check the connector nodes\' events for 1002/2001 (Get-WinEvent on each connector node) or run Test-IRMConfiguration on this Exchange server.';
    case 'dns-failure':
      return `Fix the DNS record of ${host} (pointing at the load balancer), then probe again from the Exchange server.`;
    case 'connect-failure':
    case 'timeout':
      return `Run Test-NetConnection ${host} -Port ${port} from the Exchange server and check the load balancer and firewalls; then probe again.`;
    case 'tls-untrusted':
    case 'tls-invalid':
      return 'Save the connector certificate on the Exchange server and paste the output of certutil -verify -urlfetch C:\\temp\\connector.cer (the commands are in the fix).';
    default:
      return `Probe the connector from an Exchange server and paste the whole output: Invoke-WebRequest -Uri "${connectorOf(ctx)}/_wmcs/certification/servercertification.asmx" -UseDefaultCredentials -UseBasicParsing`;
  }
}

// Judges `certutil -verify -urlfetch` of the connector's TLS certificate, run on an Exchange server.
// Seed step 8a (SSL CRL not accessible) and 8b (certificate not trusted by the Exchange servers), plus the
// install doc's rule that the certificate must carry the connector's load-balanced name.
import type { CertificateCheckFacts } from '../parsers/certificateCheck';
import { realValue } from '../placeholders';
import type { CaseContext, Finding } from '../types';
import { hostOf } from '../urls';

const COMPLETED_TRAP =
  'The last line "CertUtil: -verify command completed successfully." only means certutil ran; it is printed for revoked and unverifiable certificates too.';

/** CN=<name> of a subject, lower-cased. */
function commonName(subject: string | null): string | null {
  const m = subject ? /(?:^|[,\s])CN=([^,]{1,253})/i.exec(subject) : null;
  return m ? m[1]!.trim().toLowerCase() : null;
}

/** A certificate name matches a host exactly, or as a one-label wildcard (*.contoso.com). */
export function nameMatches(name: string, host: string): boolean {
  const n = name.toLowerCase();
  const h = host.toLowerCase();
  if (n === h) return true;
  if (!n.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === n.slice(2);
}

function certName(f: CertificateCheckFacts): string {
  const cn = commonName(f.subject);
  return cn ? ` (${cn})` : f.subject ? ` (${f.subject})` : '';
}

function rootFix(f: CertificateCheckFacts): string {
  return [
    `# Export the issuing root CA certificate${f.root ? ` (${f.root})` : ''} to C:\\temp\\root.cer (e.g. from Cert:\\LocalMachine\\Root on a connector node), then on EACH Exchange server:`,
    'certutil -addstore -f Root C:\\temp\\root.cer',
    '# or: Import-Certificate -FilePath C:\\temp\\root.cer -CertStoreLocation Cert:\\LocalMachine\\Root',
    '# If an intermediate CA is missing too: certutil -addstore -f CA C:\\temp\\intermediate.cer',
    'certutil -verify -urlfetch C:\\temp\\connector.cer',
  ].join('\n');
}

function crlFix(f: CertificateCheckFacts): string {
  // certutil prints URLs as <http://…>; a masked or documentation URL never goes into a command.
  const http = f.failedUrls.map((u) => u.replace(/>$/, '')).filter((u) => /^https?:/i.test(u) && realValue(u)).slice(0, 3);
  return [
    '# On the Exchange server: can it download the CRL?',
    ...(http.length
      ? http.map((u) => `Invoke-WebRequest -Uri "${u}" -UseBasicParsing -Method Head`)
      : ['certutil -url C:\\temp\\connector.cer   # lists the CRL (CDP) and OCSP URLs of the certificate; retrieve each from here']),
    '# Windows fetches CRLs through the WinHTTP proxy, not the browser proxy:',
    'netsh winhttp show proxy',
    '# To use the browser (Internet Options) proxy for WinHTTP too:',
    'netsh winhttp import proxy source=ie',
    '# Or publish the CRL at an address the Exchange servers can reach (the CA\'s CDP), then check again:',
    'certutil -verify -urlfetch C:\\temp\\connector.cer',
  ].join('\n');
}

export function certificateCheckRules(f: CertificateCheckFacts, ctx: CaseContext): Finding[] {
  const out: Finding[] = [];
  const connectorHost = realValue(hostOf(ctx.connectorUrl ?? ''));

  if (f.revocation === 'revoked') {
    out.push({
      id: 'cert.revoked',
      severity: 'problem',
      summary: `The connector's certificate${certName(f)} has been revoked by its CA.`,
      detail: `Exchange will refuse the TLS connection to the connector. ${f.completedLinePresent ? COMPLETED_TRAP : ''}`.trim(),
      seedStep: 'A8b',
      fix: `# Issue a new server-authentication certificate for ${connectorHost ?? "the connector's load-balanced name"} (CN or SAN DNS name), then on EVERY connector node bind it to the Default Web Site (https, 443) in IIS.`,
    });
  } else if (f.revocation === 'offline') {
    const urls = f.failedUrls.length ? ` Failed: ${f.failedUrls.join(', ')}.` : '';
    out.push({
      id: 'cert.revocation-offline',
      severity: 'problem',
      summary: `This server cannot check whether the connector's certificate is revoked: the CRL is not reachable from the Exchange server.${urls}`,
      detail: `${f.urlErrors.length ? `Error: ${f.urlErrors[0]}. ` : ''}${f.completedLinePresent ? COMPLETED_TRAP : ''}`.trim() || undefined,
      seedStep: 'A8a',
      fix: crlFix(f),
    });
  }
  const inspector = tlsInspectionProduct(f);
  if (inspector) {
    out.push({
      id: 'cert.tls-inspection',
      severity: 'problem',
      summary: `The certificate was issued by ${inspector}: a TLS-inspection product, not the connector's CA.`,
      detail:
        'Something between this server and the connector (or Microsoft 365) decrypts and re-signs TLS. SSL inspection of the traffic between the Exchange servers ' +
        'and the connector is not supported (event 3000 "The request failed with an empty response"); exempt the connector name and the Microsoft 365 endpoints from it.',
      seedStep: 'A5',
      fix: null,
    });
  }
  if (f.chain === 'untrusted-root') {
    out.push({
      id: 'cert.untrusted-root',
      severity: 'problem',
      summary: `The connector's certificate${certName(f)} chains to a root CA this Exchange server does not trust${f.root ? ` (${f.root})` : ''}.`,
      detail: 'Every Exchange server needs the issuing root CA in its Local Computer Trusted Root Certification Authorities store (seed step 8b).',
      seedStep: 'A8b',
      fix: rootFix(f),
    });
  } else if (f.chain === 'failed') {
    const what = f.chainErrors.length ? f.chainErrors.join(', ') : (f.failedLine ?? 'a chain error');
    const expired = f.chainErrors.some((e) => /NOT_TIME_VALID|EXPIRED/.test(e));
    const partial = f.chainErrors.some((e) => /PARTIAL_CHAIN|CHAINING/.test(e));
    out.push({
      id: 'cert.chain-failed',
      severity: 'problem',
      summary: `Windows could not validate the connector's certificate chain: ${what}.`,
      detail: expired
        ? `The certificate (or one in its chain) is outside its validity period${f.notAfter ? ` (NotAfter ${f.notAfter})` : ''}: renew it on every connector node.`
        : partial
          ? 'An intermediate CA certificate is missing: the Exchange server cannot build the chain (download it from the AIA URL, or import it into the Intermediate CA store).'
          : 'Fix the certificate on the connector nodes or its chain on the Exchange servers.',
      seedStep: 'A8b',
      fix: partial ? rootFix(f) : null,
    });
  }
  if (connectorHost && (f.subject || f.dnsNames.length)) {
    const names = [commonName(f.subject), ...f.dnsNames].filter((n): n is string => !!n);
    if (!names.some((n) => nameMatches(n, connectorHost))) {
      out.push({
        id: 'cert.name-mismatch',
        severity: 'problem', // Exchange refuses a certificate that does not name the URL it calls
        summary: `The certificate names ${names.join(', ') || 'no DNS name'}, but the connector URL is ${ctx.connectorUrl}.`,
        detail: "The certificate must carry the connector's load-balanced FQDN as its CN or as a SAN DNS name (not only the node names).",
        seedStep: 'A8b',
        fix: `# Issue a certificate with ${connectorHost} in the subject (CN) or SAN, and bind it to the Default Web Site on every connector node.`,
      });
    }
  }
  if (f.chain === 'trusted' && f.revocation === 'good') {
    out.push({
      id: 'cert.ok',
      severity: 'info',
      summary: `The connector's certificate${certName(f)} is trusted by this server and its revocation check passed.`,
      ...(f.failedUrls.length ? { detail: `Some URLs failed (${f.failedUrls.join(', ')}) but another one worked.` } : {}),
      seedStep: 'A8a',
      fix: null,
    });
  }
  if (!f.urlFetch && f.revocation === 'unknown') {
    out.push({
      id: 'cert.no-urlfetch',
      severity: 'info',
      summary: 'The output has no AIA/CDP/OCSP sections, so the CRL download was not tested.',
      detail: 'Run certutil with -urlfetch, on an Exchange server.',
      seedStep: 'A8a',
      fix: 'certutil -verify -urlfetch C:\\temp\\connector.cer',
    });
  }
  return out;
}

/** Roots and issuers that TLS-inspection proxies put on the certificates they forge. */
const INSPECTION_PRODUCTS: [RegExp, string][] = [
  [/zscaler/i, 'Zscaler'],
  [/blue ?coat|symantec web ?security|broadcom.{0,20}proxy/i, 'Blue Coat / Symantec ProxySG'],
  [/palo ?alto|pan-?os|forward[- ]trust/i, 'a Palo Alto Networks firewall'],
  [/fortinet|fortigate/i, 'a Fortinet FortiGate'],
  [/netskope/i, 'Netskope'],
  [/forcepoint|websense/i, 'Forcepoint'],
  [/cisco umbrella|opendns/i, 'Cisco Umbrella'],
  [/sophos/i, 'Sophos'],
  [/checkpoint|check point/i, 'Check Point'],
  [/mcafee web gateway|skyhigh/i, 'McAfee / Skyhigh Web Gateway'],
  [/barracuda/i, 'Barracuda'],
  [/fiddler/i, 'Fiddler'],
];

function tlsInspectionProduct(f: CertificateCheckFacts): string | null {
  const names = [f.issuer, f.root, f.subject].filter((n): n is string => !!n).join(' | ').slice(0, 3000);
  for (const [re, name] of INSPECTION_PRODUCTS) if (re.test(names)) return name;
  return null;
}

export function certificateCheckNext(f: CertificateCheckFacts, findings: Finding[], _ctx: CaseContext): string {
  const ids = new Set(findings.map((x) => x.id));
  if (ids.has('cert.tls-inspection'))
    return 'Exempt the connector name (and the Microsoft 365 endpoints) from TLS inspection on the proxy / firewall, then save the certificate again on an Exchange server and paste certutil -verify -urlfetch of it.';
  if (ids.has('cert.untrusted-root')) return 'Import the issuing root CA into the Trusted Root store of every Exchange server, then run certutil -verify -urlfetch again and paste it.';
  if (ids.has('cert.revocation-offline')) return 'Make the CRL URL reachable from the Exchange servers (WinHTTP proxy or firewall), then run certutil -verify -urlfetch again and paste it.';
  if (ids.has('cert.revoked') || ids.has('cert.chain-failed')) return 'Replace or repair the connector certificate on every connector node, then run certutil -verify -urlfetch again on an Exchange server.';
  if (ids.has('cert.name-mismatch')) return 'Issue a certificate that names the connector URL, bind it on every connector node, then check again.';
  if (ids.has('cert.no-urlfetch')) return 'Run certutil -verify -urlfetch C:\\temp\\connector.cer on an Exchange server (with -urlfetch, so the CRL download is tested) and paste the whole output.';
  if (f.chain === 'unknown' && f.revocation === 'unknown') return 'Paste the whole output of certutil -verify -urlfetch C:\\temp\\connector.cer, run on an Exchange server.';
  return 'The certificate is fine from this Exchange server. Next, probe the connector URL from it (Invoke-WebRequest) or run Test-IRMConfiguration.';
}

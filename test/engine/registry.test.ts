import * as assert from 'node:assert';
import * as fs from 'fs';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { registry } from '../../src/engine/kinds/registry';
import { normalizePaste } from '../../src/engine/normalize';
import type { RegistryFacts } from '../../src/engine/parsers/registry';
import type { Diagnosis, Finding } from '../../src/engine/types';
import { fixture, fixtureNames, fixturePath } from '../helpers/fixtures';
import { GEN_CONNECTOR, GEN_TENANT, makeRegistryPaste } from '../helpers/registryPasteGenerator';

const T = 'https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com';
const C = 'https://rmsconnector.woodfin.com';
const ACT = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation';
const EP = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\EnterprisePublishing';
const CERT = (v = 'v15'): string => `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ExchangeServer\\${v}\\IRM\\CertificationServerRedirection`;
const LIC = (v = 'v15'): string => `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ExchangeServer\\${v}\\IRM\\LicenseServerRedirection`;

/** reg query output for the four keys, with overridable lines. */
function regQuery(opts: { act?: string; ep?: string; cert?: string[]; lic?: string[]; version?: string } = {}): string {
  const v = opts.version ?? 'v15';
  return [
    '', ACT, `    (Default)    REG_SZ    ${opts.act ?? `${T}/_wmcs/certification`}`, '',
    EP, `    (Default)    REG_SZ    ${opts.ep ?? `${T}/_wmcs/Licensing`}`, '',
    CERT(v), ...(opts.cert ?? [`    ${T}    REG_SZ    ${C}`]), '',
    LIC(v), ...(opts.lic ?? [`    ${T}    REG_SZ    ${C}`]), '',
  ].join('\n');
}

const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
const find = (d: Diagnosis, id: string): Finding => {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected ${id} in ${ids(d).join(', ')}`);
  return f;
};
const facts = (d: Diagnosis): RegistryFacts => d.facts as unknown as RegistryFacts;

describe('registry: reg query', () => {
  it('reads a healthy base-URL setup and explains the effective URLs', () => {
    const d = diagnose(fixture('registry', 'healthy-base-url.txt'));
    assert.strictEqual(d.detected, 'registry');
    assert.strictEqual(d.status, 'ok');
    assert.deepStrictEqual(ids(d), ['registry.settings-ok']);
    const ok = find(d, 'registry.settings-ok');
    assert.match(ok.summary, /certification requests to https:\/\/rmsconnector\.woodfin\.com\/_wmcs\/certification/);
    assert.match(ok.summary, /licensing requests to https:\/\/rmsconnector\.woodfin\.com\/_wmcs\/licensing/);
    const f = facts(d);
    assert.strictEqual(f.format, 'reg-query');
    assert.strictEqual(f.servers.length, 1);
    assert.strictEqual(f.servers[0]!.name, 'this server');
    assert.deepStrictEqual(f.servers[0]!.keys[0], {
      path: 'HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation',
      values: [{ name: null, type: 'REG_SZ', data: `${T}/_wmcs/certification` }],
    });
    assert.deepStrictEqual(f.servers[0]!.missingKeys, []);
    assert.match(d.next, /event 1002/);
  });

  it("accepts the article's full-path form on both sides but notes the docs use base URLs", () => {
    const d = diagnose(fixture('registry', 'seed-full-path.txt'));
    assert.strictEqual(d.status, 'ok');
    const seed = d.findings.filter((f) => f.id === 'registry.redirection-seed-form');
    assert.strictEqual(seed.length, 2);
    assert.strictEqual(seed[0]!.severity, 'info');
    assert.match(seed[0]!.articleDiffers ?? '', /base URLs/);
    assert.match(find(d, 'registry.settings-ok').summary, /woodfin\.com\/_wmcs\/licensing/);
  });

  it('shows the broken URL when the two forms are mixed, with fixes in the documented form', () => {
    const d = diagnose(fixture('registry', 'mixed-forms.txt'));
    assert.strictEqual(d.status, 'problem');
    const mixed = d.findings.filter((f) => f.id === 'registry.redirection-mixed-forms');
    assert.strictEqual(mixed.length, 2);
    assert.ok(mixed.some((f) => f.summary.includes('https://rmsconnector.woodfin.com/_wmcs/certification/_wmcs/certification')));
    const lic = mixed.find((f) => f.summary.includes('LicenseServerRedirection'))!;
    assert.match(lic.summary, /broken URL: https:\/\/rmsconnector\.woodfin\.com\.$/);
    assert.ok(lic.fix!.includes(`reg delete "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection" /v "${T}/_wmcs/licensing" /f`));
    assert.ok(lic.fix!.includes(`reg add "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection" /v "${T}" /t REG_SZ /d "${C}" /f`));
    assert.strictEqual(mixed[0]!.seedStep, 'A5');
  });

  it('finds a missing EnterprisePublishing key (which the article omits) from the ERROR line', () => {
    const d = diagnose(fixture('registry', 'missing-enterprise-publishing.txt'));
    assert.strictEqual(d.status, 'problem');
    const ep = find(d, 'registry.enterprise-publishing-missing');
    assert.strictEqual(ep.severity, 'problem');
    assert.strictEqual(ep.seedStep, 'A4b');
    assert.match(ep.articleDiffers ?? '', /names only .*Activation/);
    assert.ok(ep.fix!.includes(`reg add "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\EnterprisePublishing" /ve /t REG_SZ /d "${T}/_wmcs/licensing" /f`));
    assert.ok(ep.fix!.includes('Set-IRMConfiguration -RefreshServerCertificates'), 'purge + IRM toggle after an MSDRM change');
    assert.strictEqual(find(d, 'registry.key-not-found').severity, 'info');
    assert.deepStrictEqual(facts(d).servers[0]!.missingKeys, ['HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\EnterprisePublishing']);
    assert.ok(!ids(d).includes('registry.servers-differ'), 'a drill-down into one key is not a second server');
  });

  it('reads German output: (Standard), (Wert nicht festgelegt) and FEHLER:', () => {
    const d = diagnose(fixture('registry', 'german-standard.txt'));
    const act = find(d, 'registry.activation-missing');
    assert.match(act.summary, /\(Default\) value is not set/);
    assert.match(act.detail ?? '', /literally named "Default"/);
    const ep = facts(d).servers[0]!.keys.find((k) => k.path.endsWith('EnterprisePublishing'))!;
    assert.deepStrictEqual(ep.values, [{ name: null, type: 'REG_SZ', data: `${T}/_wmcs/licensing` }]);
    assert.ok(!ids(d).includes('registry.enterprise-publishing-missing'));
    const redir = find(d, 'registry.redirection-missing');
    assert.match(redir.summary, /CertificationServerRedirection key does not exist/);
    assert.match(redir.detail ?? '', /1002/);
  });

  it('reports an ERROR line alone as a key that does not exist', () => {
    const d = diagnose(fixture('registry', 'error-not-found.txt'));
    assert.strictEqual(d.detected, 'registry');
    assert.strictEqual(d.status, 'problem');
    const f = find(d, 'registry.key-not-found');
    assert.strictEqual(f.severity, 'problem');
    assert.ok(f.fix!.split('\n').length === 4 && f.fix!.startsWith('reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM'));
    assert.deepStrictEqual(facts(d).servers[0]!.missingKeys, ['unknown']);
    assert.match(d.next, /one by one/);
  });

  it('joins lines a console wrapped at 80 columns, mid-word', () => {
    const d = diagnose(fixture('registry', 'wrapped-80.txt'));
    const keys = facts(d).servers[0]!.keys.map((k) => k.path);
    assert.ok(keys.includes('HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection'));
    assert.ok(keys.includes('HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection'));
    assert.deepStrictEqual(ids(d), ['registry.redirection-mixed-forms']);
    const act = facts(d).servers[0]!.keys[0]!.values[0]!;
    assert.strictEqual(act.data, `${T}/_wmcs/certification`);
  });

  it('recognises "Server: NAME" and a bare "NAME" line as server headings', () => {
    const d = diagnose(`Server: EXCH01\n${regQuery()}\nEXCH02\n${regQuery({ act: `${T}/_wmcs/licensing` })}`);
    assert.deepStrictEqual(facts(d).servers.map((s) => s.name), ['EXCH01', 'EXCH02']);
    const wrong = find(d, 'registry.activation-wrong');
    assert.strictEqual(wrong.server, 'EXCH02');
    assert.match(wrong.summary, /instead of \/_wmcs\/certification/);
  });

  it('reads the \\\\machine form of a remote reg query as that server', () => {
    const text = regQuery().replace(/HKEY_LOCAL_MACHINE/g, '\\\\EXCH07\\HKEY_LOCAL_MACHINE');
    const d = diagnose(text);
    assert.deepStrictEqual(facts(d).servers.map((s) => s.name), ['EXCH07']);
    assert.strictEqual(find(d, 'registry.settings-ok').server, 'EXCH07');
  });
});

describe('registry: .reg exports and Get-ItemProperty', () => {
  it('reads a UTF-16 regedit export (with BOM, and with NULs when the BOM was lost)', () => {
    const withBom = fs.readFileSync(fixturePath('registry', 'export-utf16.reg'), 'utf16le');
    for (const text of [withBom, fixture('registry', 'export-utf16-nobom.txt')]) {
      const d = diagnose(text);
      assert.strictEqual(d.detected, 'registry');
      assert.strictEqual(d.status, 'ok');
      assert.strictEqual(facts(d).format, 'reg-file');
      assert.strictEqual(facts(d).servers[0]!.keys.length, 4);
    }
  });

  it('splits concatenated exports into servers and names the odd one out', () => {
    const d = diagnose(fixture('registry', 'three-exports-one-differs.reg'));
    assert.deepStrictEqual(facts(d).servers.map((s) => s.name), ['server 1', 'server 2', 'server 3']);
    const differ = find(d, 'registry.servers-differ');
    assert.strictEqual(differ.server, 'server 3');
    assert.match(differ.summary, /CertificationServerRedirection/);
    assert.match(differ.detail ?? '', /0a1b2c3d/);
    assert.strictEqual(differ.seedStep, 'A6');
    const mismatch = find(d, 'registry.redirection-name-mismatch');
    assert.strictEqual(mismatch.server, 'server 3');
    assert.match(mismatch.summary, /silently ignores/);
    assert.ok(!ids(d).includes('registry.adrms-redirection'));
    assert.match(find(d, 'registry.settings-ok').summary, /^server 1 and server 2:/);
  });

  it('treats hex(2)/hex(7) (REG_EXPAND_SZ / REG_MULTI_SZ) redirection values as ignored', () => {
    const d = diagnose(fixture('registry', 'typed-values.reg'));
    const typed = d.findings.filter((f) => f.id === 'registry.redirection-ignored-type');
    assert.strictEqual(typed.length, 2);
    assert.strictEqual(typed[0]!.severity, 'problem');
    const values = facts(d).servers[0]!.keys.map((k) => k.values[0]);
    assert.deepStrictEqual(values[0], { name: T, type: 'REG_EXPAND_SZ', data: C });
    assert.deepStrictEqual(values[1], { name: T, type: 'REG_MULTI_SZ', data: C });
    assert.ok(typed[0]!.fix!.includes(`/t REG_SZ /d "${C}"`));
  });

  it('reads Get-ItemProperty output with wrapped PSPath lines; http:// connector is info', () => {
    const d = diagnose(fixture('registry', 'get-itemproperty.txt'));
    assert.strictEqual(d.detected, 'registry');
    assert.strictEqual(facts(d).format, 'get-itemproperty');
    assert.deepStrictEqual(
      facts(d).servers[0]!.keys.map((k) => k.path.split('\\').pop()),
      ['Activation', 'EnterprisePublishing', 'CertificationServerRedirection', 'LicenseServerRedirection'],
    );
    // https:// for certification, http:// for licensing: one of the two is wrong whatever the connector's TLS setup.
    assert.strictEqual(d.status, 'problem');
    const mixed = find(d, 'registry.redirection-scheme-mixed');
    assert.strictEqual(mixed.severity, 'problem');
    assert.match(mixed.summary, /\(https\) but LicenseServerRedirection to http:\/\/rmsconnector\.woodfin\.com \(http\)/);
    assert.match(mixed.detail ?? '', /2002/);
    const http = find(d, 'registry.http-connector');
    assert.strictEqual(http.severity, 'info');
    assert.match(http.detail ?? '', /2002/);
    assert.match(http.articleDiffers ?? '', /http\(s\)/);
  });

  it('reads Invoke-Command output per PSComputerName and a "Cannot find path" error', () => {
    const d = diagnose(fixture('registry', 'invoke-command-two-servers.txt'));
    assert.deepStrictEqual(facts(d).servers.map((s) => s.name), ['EXCH01', 'EXCH02']);
    const missing = find(d, 'registry.redirection-missing');
    assert.strictEqual(missing.server, 'EXCH02');
    assert.match(missing.fix!, /^# On EXCH02:/);
  });

  it('reads a Teams HTML paste of three servers and names EXCH02 as the odd one out', () => {
    const d = diagnose(fixture('registry', 'teams-three-servers.html'));
    assert.deepStrictEqual(facts(d).servers.map((s) => s.name), ['EXCH01', 'EXCH02', 'EXCH03']);
    assert.strictEqual(d.status, 'problem');
    const differ = find(d, 'registry.servers-differ');
    assert.strictEqual(differ.server, 'EXCH02');
    assert.ok(differ.fix!.includes(`reg add "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection" /v "${T}" /t REG_SZ /d "${C}" /f`));
    assert.strictEqual(find(d, 'registry.redirection-missing').server, 'EXCH02');
  });
});

describe('registry: rules', () => {
  it('flags a redirection value name that is not the tenant of the MSDRM keys', () => {
    const typo = T.replace('7e1d2c3b', '5c6bb73c');
    const d = diagnose(regQuery({ lic: [`    ${typo}    REG_SZ    ${C}`] }));
    const f = find(d, 'registry.redirection-name-mismatch');
    assert.strictEqual(f.severity, 'problem');
    assert.ok(f.detail!.includes(typo));
    assert.ok(f.fix!.includes(`/v "${typo}" /f`) && f.fix!.includes(`/v "${T}" /t REG_SZ`));
  });

  it('uses the tenant URL from another paste: MSDRM pointing at another tenant is wrong', () => {
    const other = 'https://11111111-2222-3333-4444-555555555555.rms.eu.aadrm.com';
    const d = diagnose(regQuery(), { tenantUrl: other });
    const f = find(d, 'registry.activation-wrong');
    assert.match(f.summary, /your tenant/);
    assert.ok(f.fix!.includes(`/d "${other}/_wmcs/certification"`));
  });

  it('flags MSDRM keys pointing at an AD RMS cluster', () => {
    const d = diagnose(regQuery({ act: 'https://adrms.woodfin.com/_wmcs/certification', ep: 'https://adrms.woodfin.com/_wmcs/licensing' }));
    assert.match(find(d, 'registry.activation-wrong').summary, /adrms\.woodfin\.com, not an Azure RMS/);
    assert.ok(ids(d).includes('registry.enterprise-publishing-wrong'));
  });

  it('flags v14 keys on Exchange 2013+ and v15 keys on Exchange 2010', () => {
    const on2016 = diagnose(regQuery({ version: 'v14' }), { exchangeRegistryVersion: 'v15', exchangeProduct: 'Exchange Server 2016 CU23' });
    const f = find(on2016, 'registry.redirection-wrong-version');
    assert.strictEqual(f.severity, 'problem');
    assert.match(f.summary, /Exchange Server 2016 CU23 reads ExchangeServer\\v15/);
    assert.ok(f.fix!.includes('ExchangeServer\\v15\\IRM\\LicenseServerRedirection'));
    assert.ok(!ids(on2016).includes('registry.redirection-missing'));
    const on2010 = diagnose(regQuery(), { exchangeRegistryVersion: 'v14', exchangeProduct: 'Exchange Server 2010 SP3' });
    assert.match(find(on2010, 'registry.redirection-wrong-version').fix!, /ExchangeServer\\v14\\IRM/);
  });

  it('flags a redirection set as the key (Default) value, and a one-sided trailing slash', () => {
    const d = diagnose(regQuery({ cert: [`    (Default)    REG_SZ    ${C}`], lic: [`    ${T}    REG_SZ    ${C}/`] }));
    assert.match(find(d, 'registry.redirection-ignored-type').summary, /\(Default\) value/);
    const slash = find(d, 'registry.trailing-slash');
    assert.strictEqual(slash.severity, 'warning');
    assert.ok(slash.summary.includes('https://rmsconnector.woodfin.com//_wmcs/licensing'));
  });

  it('flags licensing redirected to an AD RMS host while certification goes to the connector', () => {
    const d = diagnose(regQuery({ lic: [`    ${T}/_wmcs/licensing    REG_SZ    https://adrms.woodfin.com/_wmcs/licensing`] }));
    const f = find(d, 'registry.adrms-redirection');
    assert.strictEqual(f.severity, 'warning');
    assert.match(f.summary, /adrms\.woodfin\.com, not to the connector rmsconnector\.woodfin\.com/);
  });

  it('judges what the paste shows (ok) and asks for the rest in next when only Activation is shown', () => {
    const d = diagnose(['', ACT, `    (Default)    REG_SZ    ${T}/_wmcs/certification`, ''].join('\n'));
    assert.strictEqual(d.status, 'ok');
    assert.match(d.next, /^What this paste shows is right\./);
    const f = find(d, 'registry.keys-not-shown');
    assert.match(f.summary, /EnterprisePublishing/);
    assert.match(f.articleDiffers ?? '', /names only/);
    assert.ok(!ids(d).includes('registry.enterprise-publishing-missing'), 'not shown is not missing');
    assert.match(d.next, /reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" \/s/);
  });

  it('asks for the tenant URL in the fix when none is known (no <placeholder> to edit)', () => {
    const d = diagnose(['', ACT, '    (Default)    REG_SZ    (value not set)', ''].join('\n'));
    const f = find(d, 'registry.activation-missing');
    assert.ok(f.fix!.includes('/d "$TenantUrl/_wmcs/certification"'), f.fix!);
    assert.match(f.fix!, /^\$TenantUrl = \(Read-Host /);
    assert.doesNotMatch(f.fix!, /<[a-z-]+>/);
    assert.match(f.fix!, /Get-AipServiceConfiguration/);
  });

  it('contributes the tenant, the connector and the registry version', () => {
    const parsed = registry.parse(normalizePaste(regQuery()).text);
    assert.deepStrictEqual(registry.contribute!(parsed.facts), { tenantUrl: T, connectorUrl: C, exchangeRegistryVersion: 'v15' });
  });

  it('merges pastes: one server in two messages stays one server; named servers are compared', () => {
    const [msdrm, redir] = [regQuery().split(CERT())[0]!, CERT() + regQuery().split(CERT())[1]!];
    const one = diagnoseAll([msdrm, redir]);
    assert.strictEqual(one.length, 1);
    assert.strictEqual(facts(one[0]!).servers.length, 1);
    assert.deepStrictEqual(ids(one[0]!), ['registry.settings-ok']);
    assert.match(one[0]!.findings[0]!.summary, /^The registry settings are as documented/);
    const two = diagnoseAll([`=== EXCH01 ===\n${regQuery()}`, `=== EXCH02 ===\n${regQuery()}`, `=== EXCH03 ===\n${regQuery({ ep: 'https://adrms.woodfin.com/_wmcs/licensing' })}`]);
    assert.strictEqual(facts(two[0]!).servers.length, 3);
    assert.strictEqual(find(two[0]!, 'registry.servers-differ').server, 'EXCH03');
  });

  it('lists every emitted id in findingIds', () => {
    for (const name of fixtureNames('registry')) {
      const text = name.endsWith('utf16.reg') ? fs.readFileSync(fixturePath('registry', name), 'utf16le') : fixture('registry', name);
      for (const f of diagnose(text).findings) assert.ok((registry.findingIds as readonly string[]).includes(f.id), `${name}: ${f.id}`);
    }
  });
});

describe('registry: many servers and adversarial input', () => {
  it('handles a generated 200-server paste and names the one odd server', () => {
    const healthy = diagnose(makeRegistryPaste(200));
    assert.strictEqual(facts(healthy).servers.length, 200);
    assert.strictEqual(healthy.status, 'ok');
    assert.strictEqual(healthy.findings.length, 1);
    assert.match(healthy.findings[0]!.summary, /^All 200 servers: /);
    const odd = diagnose(makeRegistryPaste(200, { oddServer: 100 }));
    const differ = odd.findings.filter((f) => f.id === 'registry.servers-differ');
    assert.strictEqual(differ.length, 1);
    assert.strictEqual(differ[0]!.server, 'EXCH101');
    assert.strictEqual(find(odd, 'registry.redirection-mixed-forms').server, 'EXCH101');
    assert.ok(makeRegistryPaste(2).includes(GEN_TENANT) && makeRegistryPaste(2).includes(GEN_CONNECTOR));
  });

  const MB = 1024 * 1024;
  const adversarial: [string, () => string][] = [
    ['one 1 MB line', () => `${ACT}\n    ${'REG_SZ '.repeat(MB / 7)}`],
    ['1 MB of value lines with no key', () => `    ${T}    REG_SZ    ${C}\n`.repeat(MB / 90)],
    ['1 MB of key lines (a subkey listing)', () => `${ACT}\n`.repeat(MB / 70)],
    ['1 MB of a .reg hex continuation', () => `Windows Registry Editor Version 5.00\n\n[${ACT}]\n"a"=hex(2):${'00,\\\n  '.repeat(MB / 8)}00`],
    ['1 MB of unterminated .reg strings', () => `REGEDIT4\n[${ACT}]\n${'"https://x\\"=\\"\n'.repeat(MB / 16)}`],
    ['1 MB of Format-List lines without a blank line', () => `PSPath : Registry::${ACT}\n${'x : y\n'.repeat(MB / 6)}`],
    ['1 MB of ERROR lines', () => 'ERROR: The system was unable to find the specified registry key or value.\n'.repeat(MB / 75)],
    ['1 MB of server headers', () => `=== EXCH01 ===\nEXCH02:\n${ACT}\n`.repeat(MB / 90)],
    ['1 MB of repeated keys with changing values (server splits)', () => Array.from({ length: MB / 150 }, (_, i) => `${ACT}\n    (Default)    REG_SZ    https://h${i}/x\n`).join('')],
  ];
  for (const [name, make] of adversarial) {
    it(`completes on ${name}`, () => {
      const d = diagnose(make());
      assert.ok(d.detected);
      registry.detect(make());
    });
  }
});

import * as assert from 'node:assert';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { classifyBuild } from '../../src/engine/exchangeBuilds';
import { exchangeVersion } from '../../src/engine/kinds/exchangeVersion';
import { normalizePaste } from '../../src/engine/normalize';
import type { ExchangeVersionFacts } from '../../src/engine/parsers/exchangeVersion';
import type { Diagnosis, Finding } from '../../src/engine/types';
import { fixture, fixtureNames } from '../helpers/fixtures';

const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
const find = (d: Diagnosis, id: string): Finding => {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected ${id} in ${ids(d).join(', ')}`);
  return f;
};
const facts = (d: Diagnosis): ExchangeVersionFacts => d.facts as unknown as ExchangeVersionFacts;
const read = (name: string): Diagnosis => diagnose(fixture('exchange-version', name));

describe('exchange-version: parsing', () => {
  it('reads a Get-ExchangeServer list of three servers and names the one on another CU', () => {
    const d = read('list-three-servers.txt');
    assert.strictEqual(d.detected, 'exchange-version');
    assert.deepStrictEqual(
      facts(d).servers.map((s) => [s.name, s.version, s.update, s.source, s.meetsMinimum]),
      [
        ['EXCH01', '15.1.2507.6', 'CU23', 'AdminDisplayVersion', true],
        ['EXCH02', '15.1.2507.6', 'CU23', 'AdminDisplayVersion', true],
        ['EXCH03', '15.1.2375.7', 'CU22', 'AdminDisplayVersion', true],
      ],
    );
    assert.strictEqual(facts(d).registryVersion, 'v15');
    // Every server meets the minimum: a server behind on its CU is a recommendation (warning) on an ok paste.
    assert.strictEqual(d.status, 'ok');
    const differ = find(d, 'version.servers-differ');
    assert.strictEqual(differ.severity, 'warning');
    assert.match(differ.summary, /^EXCH03 runs Exchange Server 2016 CU22, while the other 2 run Exchange Server 2016 CU23/);
    const ok = d.findings.filter((f) => f.id === 'version.ok');
    assert.deepStrictEqual(ok.map((f) => f.server), ['EXCH01', 'EXCH02', 'EXCH03']);
    assert.match(ok[0]!.summary, /Exchange Server 2016 CU23/);
  });

  it('asks for Format-List when a table cuts AdminDisplayVersion off', () => {
    const d = read('table-truncated.txt');
    assert.strictEqual(d.status, 'incomplete');
    const f = find(d, 'version.version-not-shown');
    assert.strictEqual(f.fix, 'Get-ExchangeServer | Format-List Name,Edition,ServerRole,AdminDisplayVersion');
    assert.deepStrictEqual(facts(d).servers.map((s) => [s.name, s.version, s.product]), [
      ['EXCH01', null, 'Exchange Server 2019'],
      ['EXCH02', null, 'Exchange Server 2019'],
    ]);
  });

  it('reads a full Get-ExchangeServer table', () => {
    const d = read('table-full.txt');
    assert.strictEqual(d.status, 'ok');
    assert.deepStrictEqual(facts(d).servers.map((s) => [s.name, s.version]), [['EXCH01', '15.2.1748.10'], ['EXCH02', '15.2.1748.10']]);
  });

  it('reads the ExSetup long format (15.01.2507.006)', () => {
    const d = read('exsetup-long.txt');
    const s = facts(d).servers[0]!;
    assert.deepStrictEqual([s.name, s.version, s.product, s.update, s.source], ['this server', '15.1.2507.6', 'Exchange Server 2016', 'CU23', 'ExSetup']);
    assert.strictEqual(d.status, 'ok');
  });

  it('reads ExSetup via Invoke-Command (PSComputerName) and places a security update on its CU', () => {
    const d = read('exsetup-invoke-command.txt');
    assert.deepStrictEqual(facts(d).servers.map((s) => [s.name, s.update]), [
      ['EXCH01', 'CU15'],
      ['EXCH02', 'CU15 Apr25HU'],
      ['EXCH03', 'CU14'],
    ]);
    assert.match(find(d, 'version.servers-differ').summary, /^EXCH03 runs Exchange Server 2019 CU14/);
  });

  it('ignores the session host in PSComputerName (remote shell) and reads a custom Name/Version table', () => {
    const remote = diagnose(
      'Name                : EXCH01\nAdminDisplayVersion : Version 15.1 (Build 2507.6)\nPSComputerName      : exch01.woodfin.com\n\n' +
        'Name                : EXCH02\nAdminDisplayVersion : Version 15.1 (Build 2507.6)\nPSComputerName      : exch01.woodfin.com\n',
    );
    assert.deepStrictEqual(facts(remote).servers.map((s) => s.name), ['EXCH01', 'EXCH02']);
    const custom = diagnose('Name     Version\n----     -------\nEXCH01   15.1.2507.6\nEXCH02   15.1.2375.7\n');
    assert.strictEqual(custom.detected, 'exchange-version');
    assert.deepStrictEqual(facts(custom).servers.map((s) => [s.name, s.update]), [['EXCH01', 'CU23'], ['EXCH02', 'CU22']]);
  });

  it('reads a Teams HTML paste', () => {
    const d = read('exchange-2016-cu23-html.html');
    assert.strictEqual(d.detected, 'exchange-version');
    assert.strictEqual(find(d, 'version.ok').server, 'EXCH16');
  });
});

describe('exchange-version: rules', () => {
  it('Exchange 2010 from AdminDisplayVersion: rollup unknown, ask for ExSetup', () => {
    const d = read('exchange-2010-rtm.txt');
    const s = facts(d).servers[0]!;
    assert.strictEqual(s.meetsMinimum, null);
    assert.strictEqual(facts(d).registryVersion, 'v14');
    assert.ok(!ids(d).includes('version.below-minimum'));
    const f = find(d, 'version.exchange-2010');
    assert.strictEqual(f.severity, 'warning');
    assert.strictEqual(f.fix, 'Get-Command ExSetup | ForEach {$_.FileVersionInfo}');
    assert.match(f.detail ?? '', /dropped it in November 2020/);
    assert.match(d.next, /ExSetup/);
    assert.deepStrictEqual(exchangeVersion.contribute!(facts(d)), { exchangeRegistryVersion: 'v14', exchangeProduct: 'Exchange Server 2010 SP3' });
  });

  it('Exchange 2010 before SP3 is below the minimum even from AdminDisplayVersion', () => {
    const d = diagnose('AdminDisplayVersion : Version 14.0 (Build 639.21)');
    assert.match(find(d, 'version.below-minimum').summary, /Exchange Server 2010 RTM \(14\.0\.639\.21\)/);
    assert.ok(ids(d).includes('version.exchange-2010'));
  });

  it('Exchange 2010 SP3 RU2 from ExSetup: below the documented minimum, but the article reading would pass', () => {
    const d = read('exchange-2010-exsetup.txt');
    const f = find(d, 'version.below-minimum');
    assert.match(f.summary, /SP3 RU2 \(14\.3\.158\.1\) is below .* 2010 SP3 RU6 \(14\.3\.195\.1\)/);
    assert.match(f.detail ?? '', /article's requirement, read as Exchange 2010 SP3 RU2/);
    assert.match(f.articleDiffers ?? '', /2010 CU2 or 2013 RU1/);
  });

  it('Exchange 2013 CU1 falls between the article reading and the documented CU3: says both', () => {
    const d = read('exchange-2013-cu1.txt');
    assert.strictEqual(d.status, 'problem');
    const f = find(d, 'version.below-minimum');
    assert.strictEqual(f.seedStep, 'P1');
    assert.match(f.detail ?? '', /read as Exchange 2013 CU1 \(15\.0\.620\.29\).*requires Exchange 2013 CU3 \(15\.0\.775\.38\)/);
    assert.match(f.fix ?? '', /Setup\.exe \/Mode:Upgrade \/IAcceptExchangeServerLicenseTerms/);
  });

  it('Exchange 2013 CU3, 2019 CU15 and SE meet the minimum', () => {
    for (const [name, product] of [
      ['exchange-2013-cu3.txt', 'Exchange Server 2013 CU3'],
      ['exchange-2019-cu15.txt', 'Exchange Server 2019 CU15'],
      ['exchange-se.txt', 'Exchange Server SE RTM'],
    ] as const) {
      const d = read(name);
      assert.strictEqual(d.status, 'ok', name);
      assert.deepStrictEqual(ids(d), ['version.ok'], name);
      assert.ok(d.findings[0]!.summary.includes(product), `${name}: ${d.findings[0]!.summary}`);
    }
    assert.match(read('exchange-2019-cu15.txt').next, /ExchangeServer\\v15\\IRM/);
  });

  it('a build newer than the table is reported, judged by its major version', () => {
    const d = read('unknown-newer.txt');
    assert.strictEqual(d.status, 'incomplete');
    const f = find(d, 'version.unknown-build');
    assert.strictEqual(f.severity, 'info');
    assert.match(f.summary, /15\.2\.2700\.5 is not in my build table/);
    assert.match(f.detail ?? '', /meets the connector's minimum/);
    assert.strictEqual(facts(d).servers[0]!.meetsMinimum, true);
  });

  it('classifies builds: SUs, partial 2010 rollups, SP1 = CU4, Exchange 2007', () => {
    assert.strictEqual(classifyBuild([15, 1, 2507, 39]).update, 'CU23 (or a later security update)');
    const ru = classifyBuild([14, 3, 210, 2]);
    assert.deepStrictEqual([ru.update, ru.meetsMinimum, ru.known], ['SP3 RU6 (or a later rollup)', true, true]);
    assert.strictEqual(classifyBuild([15, 0, 847, 32]).update, 'SP1 (CU4)');
    assert.strictEqual(classifyBuild([8, 3, 83, 6]).meetsMinimum, false);
    assert.strictEqual(classifyBuild([15, 1, 2400, 1]).known, false);
    assert.strictEqual(classifyBuild([15, 2, 1748, 10]).product, 'Exchange Server 2019');
    assert.strictEqual(classifyBuild([15, 2, 2562, 17]).product, 'Exchange Server SE');
  });

  it('feeds the registry rules: v15 redirection keys on an Exchange 2010 server are the wrong tree', () => {
    const reg = [
      '', 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\CertificationServerRedirection',
      '    https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com    REG_SZ    https://rmsconnector.woodfin.com', '',
    ].join('\n');
    const [ver, r] = diagnoseAll([fixture('exchange-version', 'exchange-2010-exsetup.txt'), reg]);
    assert.strictEqual(ver!.detected, 'exchange-version');
    const f = r!.findings.find((x) => x.id === 'registry.redirection-wrong-version');
    assert.ok(f, r!.findings.map((x) => x.id).join(', '));
    assert.match(f.fix ?? '', /ExchangeServer\\v14\\IRM\\CertificationServerRedirection/);
  });

  it('merges version pastes from several servers and prefers ExSetup over AdminDisplayVersion', () => {
    const a = 'Name                : EX2010\nAdminDisplayVersion : Version 14.3 (Build 123.4)\n';
    const b = '=== EX2010 ===\nProductVersion   FileVersion      FileName\n--------------   -----------      --------\n14.03.0496.000   14.03.0496.000   C:\\Program Files\\Microsoft\\Exchange Server\\V14\\bin\\ExSetup.exe\n';
    const [d] = diagnoseAll([a, b]);
    assert.deepStrictEqual(facts(d!).servers.map((s) => [s.name, s.source, s.meetsMinimum]), [['EX2010', 'ExSetup', true]]);
    assert.strictEqual(find(d!, 'version.exchange-2010').fix, null);
  });

  it('groups identical findings when there are many servers', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Name                : EX${i}\nAdminDisplayVersion : Version 15.1 (Build 2507.6)\n`).join('\n');
    const d = diagnose(text);
    assert.strictEqual(facts(d).servers.length, 40);
    assert.strictEqual(d.findings.length, 1);
    assert.match(d.findings[0]!.summary, /^EX0, EX1, EX2 and 37 more: Exchange Server 2016 CU23/);
  });

  it('lists every emitted id in findingIds', () => {
    for (const name of fixtureNames('exchange-version'))
      for (const f of read(name).findings) assert.ok((exchangeVersion.findingIds as readonly string[]).includes(f.id), `${name}: ${f.id}`);
  });

  it('does not claim registry or unrelated output', () => {
    assert.strictEqual(exchangeVersion.detect(normalizePaste('InternalLicensingEnabled : True\nExchangeVersion : 0.20 (15.0.0.0)').text), 0);
    assert.strictEqual(exchangeVersion.detect('HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation\\Activation'), 0);
  });
});

describe('exchange-version: adversarial input', () => {
  const MB = 1024 * 1024;
  const cases: [string, () => string][] = [
    ['one 1 MB line', () => `AdminDisplayVersion : Version 15.1 (Build ${'9'.repeat(MB)}`],
    ['1 MB of near-matching version lines', () => 'Version 15.1 (Build 2507.\n'.repeat(MB / 26)],
    ['1 MB of Name lines', () => 'Name : EXCH01\n'.repeat(MB / 14)],
    ['1 MB of table rows', () => `Name  ServerRole  AdminDisplayVersion\n${'EXCH01  Mailbox  Version 15.1 (Build 2507.6)\n'.repeat(MB / 48)}`],
  ];
  for (const [name, make] of cases) {
    it(`completes on ${name}`, () => {
      const d = diagnose(make());
      assert.ok(d.detected);
    });
  }
});

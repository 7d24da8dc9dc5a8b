// Issue 10, exchange-version: Exchange 2007, Exchange SE, ExSetup beside AdminDisplayVersion, mixed
// versions, objects that are not servers, and the flattened / wrapped shapes of these pastes.
import assert from 'node:assert/strict';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { classifyBuild } from '../../src/engine/exchangeBuilds';
import type { ExchangeVersionFacts } from '../../src/engine/parsers/exchangeVersion';
import type { Diagnosis, Finding } from '../../src/engine/types';

const facts = (d: Diagnosis): ExchangeVersionFacts => d.facts as unknown as ExchangeVersionFacts;
const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
function find(d: Diagnosis, id: string): Finding {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `${id} not in ${ids(d).join(', ')}`);
  return f;
}
const fl = (name: string, adv: string, extra = ''): string => `Name                : ${name}\n${extra}AdminDisplayVersion : ${adv}\n`;

describe('exchange-version: Exchange 2007 and Exchange SE', () => {
  it('places 2007 builds and says to migrate, never to update', () => {
    const d = diagnose(fl('EX2007', 'Version 8.3 (Build 83.6)', 'ServerRole          : Mailbox\n'));
    assert.equal(d.detected, 'exchange-version');
    assert.equal(d.status, 'problem');
    assert.deepEqual([facts(d).servers[0]!.product, facts(d).servers[0]!.update], ['Exchange Server 2007', 'SP3']);
    const f = find(d, 'version.exchange-2007');
    assert.match(f.summary, /can never use the RMS connector/);
    assert.match(f.detail ?? '', /Updating this server will not help/);
    assert.match(f.detail ?? '', /Exchange 2013/);
    assert.ok(!ids(d).includes('version.below-minimum'), 'no "install the latest update" advice');
    assert.ok(!ids(d).includes('version.unknown-build'));
    assert.doesNotMatch(d.next, /update the servers/i);
    assert.match(d.next, /move off Exchange 2007/);
  });

  it('knows Exchange SE RTM and its updates by name (15.2.2562.x)', () => {
    assert.deepEqual([classifyBuild([15, 2, 2562, 17]).product, classifyBuild([15, 2, 2562, 17]).update], ['Exchange Server SE', 'RTM']);
    assert.equal(classifyBuild([15, 2, 2562, 27]).update, 'RTM Sep25HU');
    assert.equal(classifyBuild([15, 2, 2562, 41]).update, 'RTM May26HU');
    assert.match(classifyBuild([15, 2, 2562, 99]).update, /^RTM May26HU \(or a later security update\)$/);
    assert.equal(classifyBuild([15, 2, 1748, 37]).product, 'Exchange Server 2019');
    const d = diagnose('ProductVersion   FileVersion      FileName\n--------------   -----------      --------\n15.02.2562.037   15.02.2562.037   C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\ExSetup.exe\n');
    assert.equal(d.status, 'ok');
    assert.match(find(d, 'version.ok').summary, /Exchange Server SE RTM Feb26SU/);
  });
});

describe('exchange-version: ExSetup and AdminDisplayVersion together', () => {
  const exsetup = (v: string): string => `ProductVersion   FileVersion      FileName\n--------------   -----------      --------\n${v}   ${v}   C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\ExSetup.exe\n`;

  it('ties an unnamed ExSetup version to the one named server and trusts it', () => {
    const d = diagnose(`${exsetup('15.02.2562.017')}\n${fl('EXCH01', 'Version 15.2 (Build 2562.17)')}`);
    assert.equal(facts(d).servers.length, 1);
    const s = facts(d).servers[0]!;
    assert.deepEqual([s.name, s.source, s.version], ['EXCH01', 'ExSetup', '15.2.2562.17']);
    assert.ok(!ids(d).includes('version.sources-differ'));
  });

  it('says when AdminDisplayVersion overstates the installed files (an upgrade that did not finish)', () => {
    const d = diagnose(`${fl('EXCH02', 'Version 15.2 (Build 2562.17)')}\n${exsetup('15.02.1748.010')}`);
    const s = facts(d).servers[0]!;
    assert.deepEqual([s.name, s.version, s.adminDisplayVersion, s.update], ['EXCH02', '15.2.1748.10', '15.2.2562.17', 'CU15']);
    const f = find(d, 'version.sources-differ');
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /I go by ExSetup/);
    assert.match(f.detail ?? '', /did not finish/);
  });

  it('an older AdminDisplayVersion than ExSetup is only the security update it does not show', () => {
    const d = diagnose(`${fl('EXCH03', 'Version 15.2 (Build 1748.10)')}\n${exsetup('15.02.1748.037')}`);
    assert.equal(find(d, 'version.sources-differ').severity, 'info');
    assert.equal(facts(d).servers[0]!.update, 'CU15 Sep25HU');
  });

  it('keeps ExSetup file versions with their server names across Invoke-Command (PSComputerName last)', () => {
    const d = diagnose(
      'ProductVersion   FileVersion      FileName                            PSComputerName\n' +
        '--------------   -----------      --------                            --------------\n' +
        '15.01.2044.004   15.01.2044.004   C:\\Program Files\\Microsoft\\Excha... E2016-01\n' +
        '15.01.2308.008   15.01.2308.008   C:\\Program Files\\Microsoft\\Excha... E2016-02\n',
    );
    assert.deepEqual(facts(d).servers.map((s) => [s.name, s.update]), [['E2016-01', 'CU17'], ['E2016-02', 'CU21']]);
    assert.match(find(d, 'version.servers-differ').summary, /E2016-01|E2016-02/);
  });
});

describe('exchange-version: versions of different products', () => {
  it('a 2013 and a 2019 server are a coexistence, not servers on different updates', () => {
    const d = diagnose(`${fl('EX2013', 'Version 15.0 (Build 1497.2)')}\n${fl('EX2019', 'Version 15.2 (Build 1118.7)')}`);
    assert.equal(d.status, 'ok');
    assert.ok(!ids(d).includes('version.servers-differ'), ids(d).join());
    assert.match(find(d, 'version.mixed-versions').summary, /EX2013 on Exchange Server 2013; EX2019 on Exchange Server 2019/);
  });

  it('still compares updates within one product of a mixed organisation', () => {
    const d = diagnose(`${fl('A', 'Version 15.1 (Build 2507.6)')}\n${fl('B', 'Version 15.1 (Build 2375.7)')}\n${fl('C', 'Version 15.2 (Build 1748.10)')}`);
    assert.ok(ids(d).includes('version.mixed-versions'));
    assert.match(find(d, 'version.servers-differ').summary, /Exchange Server 2016/);
    assert.doesNotMatch(find(d, 'version.servers-differ').summary, /2019/);
  });

  it('security updates of one CU are the same update (CU15 and CU15 Apr25HU)', () => {
    const d = diagnose(`${fl('A', 'Version 15.2 (Build 1748.10)')}\n${fl('B', 'Version 15.2 (Build 1748.24)')}`);
    assert.ok(!ids(d).includes('version.servers-differ'), ids(d).join());
  });
});

describe('exchange-version: objects that are not Exchange servers', () => {
  it('a Get-Mailbox listing is not read as servers', () => {
    const d = diagnose(
      'Name                : SystemMailbox{1f05a927-608a-45a6-bf83-467dc6314b2e}\nDisplayName         : Microsoft Exchange\nDatabase            : Mailbox Database 1\nAdminDisplayVersion : Version 14.3 (Build 123.4)\n',
    );
    assert.equal(d.detected, 'exchange-version');
    assert.equal(d.status, 'wrong_input');
    assert.equal(facts(d).foreignObject, 'mailbox');
    assert.deepEqual(facts(d).servers, []);
    assert.match(find(d, 'version.not-a-server').summary, /mailboxes/);
    assert.match(d.next, /Get-ExchangeServer \| Format-List/);
    assert.ok(!ids(d).includes('version.exchange-2010'));
  });

  it('virtual directories and Get-ClientAccessServer are named as what they are', () => {
    const vdir = diagnose('Name : owa (Default Web Site)\nAdminDisplayVersion : Version 15.2 (Build 792.3)\nServer : MAILX\nInternalUrl : https://mailx.northpeak-it.net/owa\nExternalUrl :\n');
    assert.equal(facts(vdir).foreignObject, 'virtual-directory');
    assert.match(find(vdir, 'version.not-a-server').summary, /virtual directories/);
    const cas = diagnose('Name : EX2013-01\nAutoDiscoverServiceInternalUri : https://ex2013-01.northpeak-it.net/Autodiscover/Autodiscover.xml\nAdminDisplayVersion : Version 15.0 (Build 1497.2)\n');
    assert.equal(facts(cas).foreignObject, 'client-access');
  });

  it('a real Get-ExchangeServer list that also shows a Fqdn is still servers', () => {
    const d = diagnose('Name                : EXCH01\nFqdn                : exch01.northpeak-it.net\nServerRole          : Mailbox\nAdminDisplayVersion : Version 15.1 (Build 2507.6)\n');
    assert.equal(facts(d).foreignObject, undefined);
    assert.equal(facts(d).servers[0]!.name, 'EXCH01');
  });
});

describe('exchange-version: how the pastes arrive', () => {
  it('reads a default table whose version column is cut to "Version 14...."', () => {
    const d = diagnose(
      'Name                Site                 ServerRole  Edition     AdminDisplayVe\n                                                                 rsion\n' +
        '----                ----                 ----------  -------     --------------\n' +
        'BR-EX2010-MB        northpeak-it.net/... Mailbox,... Enterprise  Version 14....\nHO-EX2010-EDGE      northpeak-it.net/... Edge        Standard... Version 14....\n',
    );
    assert.equal(d.status, 'incomplete');
    assert.deepEqual(facts(d).servers.map((s) => [s.name, s.product, s.version]), [['BR-EX2010-MB', 'Exchange Server 2010', null], ['HO-EX2010-EDGE', 'Exchange Server 2010', null]]);
    assert.ok(ids(d).includes('version.version-not-shown'));
  });

  it('reads properties separated by blank lines (the Q&A editor) as one record', () => {
    const d = diagnose('Edition             : Enterprise    \n\nAdminDisplayVersion : Version 15.1 (Build 1979.3)    \n');
    assert.equal(facts(d).servers.length, 1);
    assert.deepEqual([facts(d).servers[0]!.edition, facts(d).servers[0]!.update], ['Enterprise', 'CU16']);
  });

  it('reads a flattened list and a flattened ExSetup table', () => {
    const list = diagnose(`${fl('EX2013', 'Version 15.0 (Build 1497.2)')}\n${fl('EX2019', 'Version 15.2 (Build 1118.7)')}`.replace(/\n/g, ' '));
    assert.deepEqual(facts(list).servers.map((s) => s.name), ['EX2013', 'EX2019']);
    const table = diagnose(
      'ProductVersion FileVersion FileName PSComputerName -------------- ----------- -------- -------------- 15.01.2044.004 15.01.2044.004 C:\\Program Files\\Microsoft\\Excha... E2016-01 15.01.2308.008 15.01.2308.008 C:\\Program Files\\Microsoft\\Excha... E2016-02',
    );
    assert.deepEqual(facts(table).servers.map((s) => [s.name, s.update]), [['E2016-01', 'CU17'], ['E2016-02', 'CU21']]);
  });

  it('"On EX01 C:\\>Get-Command ExSetup" ties each file version to its server; the files beat AdminDisplayVersion', () => {
    const exsetup = (v: string): string => `ProductVersion FileVersion FileName\n-------------- ----------- --------\n${v} ${v} C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\ExSetup.exe\n`;
    const text =
      'Name : EX01-2013\nAdminDisplayVersion : Version 15.0 (Build 1497.2)\nName : EX02-2013\nAdminDisplayVersion : Version 15.0 (Build 1497.2)\n\n' +
      `On EX01-2013 C:\\>Get-Command Exsetup.exe | ForEach-Object {$_.FileVersionInfo}\n\n${exsetup('15.00.1497.012')}\n` +
      `On EX02-2013 C:\\>Get-Command Exsetup.exe | ForEach-Object {$_.FileVersionInfo}\n\n${exsetup('15.00.0847.032')}`;
    for (const paste of [text, text.replace(/\n/g, ' ')]) {
      const d = diagnose(paste);
      assert.deepEqual(facts(d).servers.map((s) => [s.name, s.version, s.adminDisplayVersion ?? null]), [
        ['EX01-2013', '15.0.1497.12', '15.0.1497.2'],
        ['EX02-2013', '15.0.847.32', '15.0.1497.2'],
      ]);
      assert.equal(find(d, 'version.sources-differ').server, 'EX02-2013');
    }
  });

  it('merges ExSetup from one message with the server list from another', () => {
    const [d] = diagnoseAll([fl('EXCH01', 'Version 15.2 (Build 2562.17)'), 'Name : EXCH01\nProductVersion : 15.02.2562.020\nFileVersion : 15.02.2562.020\n']);
    assert.equal(facts(d!).servers.length, 1);
    assert.equal(facts(d!).servers[0]!.update, 'RTM Aug25SU');
  });
});

describe('exchange-version: adversarial input of the new shapes', () => {
  const MB = 1024 * 1024;
  const cases: [string, () => string][] = [
    ['a 1 MB flattened line of Format-List labels', () => 'Name : EXCH01 AdminDisplayVersion : Version 15.1 (Build 2507.6) '.repeat(MB / 64)],
    ['a 1 MB flattened line of dash groups', () => `Name ServerRole ${'-- '.repeat(MB / 3)}`],
    ['a 1 MB flattened line of cut versions', () => `Name ServerRole Edition ${'x Version 14.... '.repeat(MB / 17)}`],
    ['a 1 MB flattened line of ExSetup pairs', () => '15.01.2044.004 15.01.2044.004 '.repeat(MB / 30)],
    ['1 MB of mailbox records', () => 'Name : SystemMailbox\nDatabase : DB1\nAdminDisplayVersion : Version 14.3 (Build 123.4)\n\n'.repeat(MB / 84)],
    ['1 MB of blank-line-separated properties without a version', () => 'Edition : Enterprise\n\n'.repeat(MB / 22)],
    ['a 1 MB flattened line of prompts', () => `Name : A ${'x C:\\y> '.repeat(MB / 9)}`],
    ['a 1 MB flattened line of "On <server>" words', () => `Name : A ${'x On EX01 C:\\> '.repeat(MB / 16)}`],
  ];
  for (const [name, make] of cases) {
    it(`completes on ${name}`, () => {
      const d = diagnose(make());
      assert.ok(d.detected);
    });
  }
});

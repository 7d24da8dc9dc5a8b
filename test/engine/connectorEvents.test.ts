import * as assert from 'node:assert/strict';
import { DOCUMENTED_EVENT_IDS, connectorEventInfo } from '../../src/engine/connectorEventCatalog';
import { diagnose, diagnoseAll } from '../../src/engine/diagnose';
import { connectorEvents } from '../../src/engine/kinds/connectorEvents';
import { normalizePaste } from '../../src/engine/normalize';
import { parseConnectorEvents } from '../../src/engine/parsers/connectorEvents';
import type { ConnectorEventsFacts } from '../../src/engine/parsers/connectorEventsFacts';
import type { Diagnosis, Finding } from '../../src/engine/types';
import { makeEventLogDump } from '../helpers/eventLogGenerator';
import { fixture } from '../helpers/fixtures';

const KIND = 'connector-events';
const TENANT = 'https://7e1d2c3b-5a4f-4d6e-9b8a-0c1d2e3f4a5b.rms.na.aadrm.com';
const CONNECTOR = 'https://rmsconnector.kestrel.com';

function run(name: string, ctx = {}): Diagnosis {
  return diagnose(fixture(KIND, name), ctx);
}
function facts(d: Diagnosis): ConnectorEventsFacts {
  return d.facts as unknown as ConnectorEventsFacts;
}
function ids(d: Diagnosis): string[] {
  return d.findings.map((f) => f.id);
}
function find(d: Diagnosis, id: string): Finding {
  const f = d.findings.find((x) => x.id === id);
  assert.ok(f, `expected finding ${id}, got ${ids(d).join(', ')}`);
  return f;
}

/** A wevtutil block, as `wevtutil qe ... /f:text` prints it. */
function wev(n: number, id: number, date: string, computer: string, text: string, source = 'Microsoft RMS connector'): string {
  const level = id >= 3000 ? 'Error' : id >= 2000 ? 'Warning' : 'Information';
  return `Event[${n}]:\n  Log Name: Application\n  Source: ${source}\n  Date: ${date}\n  Event ID: ${id}\n  Task: N/A\n  Level: ${level}\n  Opcode: N/A\n  Keyword: Classic\n  User: N/A\n  User Name: N/A\n  Computer: ${computer}\n  Description: \n${text}\n`;
}

describe('connector-events: catalogue', () => {
  it('holds exactly the 11 documented IDs, each with meaning and action', () => {
    assert.deepEqual([...DOCUMENTED_EVENT_IDS], [1000, 1001, 1002, 1003, 1004, 2000, 2001, 2002, 2003, 3000, 3001]);
    for (const id of DOCUMENTED_EVENT_IDS) {
      const e = connectorEventInfo(id)!;
      assert.ok(e.meaning.length > 20 && e.action.length > 3 && e.headline.length > 10, `entry ${id}`);
      assert.equal(e.level, id >= 3000 ? 'Error' : id >= 2000 ? 'Warning' : 'Information');
    }
    for (const id of [3002, 3003, 3004]) assert.equal(connectorEventInfo(id), undefined);
  });
  it('lists every emitted id in findingIds', () => {
    for (const name of ['winevent-table.txt', 'winevent-list.txt', 'eventlog-table.txt', 'eventlog-list.txt', 'wevtutil-text.txt', 'two-nodes-headers.txt', 'undocumented-only.txt', 'no-connector-events.txt', 'winevent-table-whole-log.txt', 'eventlog-table-whole-log.txt'])
      for (const id of ids(run(name))) if (!id.startsWith('input.')) assert.ok(connectorEvents.findingIds.includes(id), `${id} missing from findingIds`); // input.*: the engine's own
  });
});

describe('connector-events: formats', () => {
  it('reads the Get-WinEvent default table (grouped by ProviderName, messages cut with ...)', () => {
    const d = run('winevent-table.txt');
    assert.equal(d.detected, KIND);
    // 2002 (HTTP instead of HTTPS) is a recommendation: a warning finding on an ok paste.
    assert.equal(d.status, 'ok');
    assert.equal(find(d, 'events.2002').severity, 'warning');
    const f = facts(d);
    assert.equal(f.format, 'get-winevent-table');
    assert.deepEqual(f.nodes[0]!.counts, { '1000': 1, '1001': 1, '1002': 1, '1004': 4, '2002': 1 });
    assert.equal(f.nodes[0]!.events[0]!.time, '5/14/2024 10:30:04 AM');
    assert.equal(f.nodes[0]!.events[0]!.level, 'Information');
    assert.ok(f.messagesTruncated);
    assert.ok(ids(d).includes('events.1002-present') && ids(d).includes('events.1004-present') && ids(d).includes('events.messages-truncated'));
    const w = find(d, 'events.2002');
    assert.equal(w.severity, 'warning');
    assert.ok(w.articleDiffers);
    assert.ok(!ids(d).includes('events.no-1002'));
  });

  it('reads the same table pasted from Teams as HTML', () => {
    const a = run('winevent-table.txt');
    const b = run('teams-html.html');
    assert.deepEqual(facts(b).nodes, facts(a).nodes);
    assert.deepEqual(ids(b), ids(a));
  });

  it('reads Get-WinEvent | Format-List with multi-line messages and names the refused accounts (2001)', () => {
    for (const name of ['winevent-list.txt', 'winevent-list-crlf.txt']) {
      const d = run(name);
      assert.equal(d.status, 'problem', name);
      assert.equal(facts(d).format, 'get-winevent-list');
      const f2001 = find(d, 'events.2001');
      assert.equal(f2001.severity, 'problem');
      assert.match(f2001.summary, /KESTREL\\EXCH01\$/);
      assert.match(f2001.summary, /EXCH02\.kestrel\.com/);
      assert.match(f2001.fix!, /"Exchange Servers" security group, role "Exchange Server"/);
      assert.match(f2001.fix!, /15 minutes/);
      assert.match(f2001.fix!, /must not be installed on an Exchange server/);
      assert.equal(f2001.seedStep, 'A5');
      // a server does reach the connector, so this is not "Exchange is not calling"
      assert.match(find(d, 'events.no-1002').summary, /no server has been let in/);
      const msg = facts(d).nodes[0]!.events.find((e) => e.id === 2001)!.message;
      assert.match(msg, /^Unauthorized access attempt to Microsoft RMS connector\.\n\nAccount SID:/);
    }
  });

  it('reads the Get-EventLog table (Source cut to "Microsoft RMS conne...") and sends 3001 to the proxy fix', () => {
    const d = run('eventlog-table.txt', { tenantUrl: TENANT, connectorUrl: CONNECTOR, exchangeRegistryVersion: 'v14' });
    assert.equal(facts(d).format, 'get-eventlog-table');
    assert.deepEqual(facts(d).nodes[0]!.counts, { '1000': 1, '1001': 1, '3001': 4 });
    const f3001 = find(d, 'events.3001');
    // The proxy is asked for, never written as a <placeholder> into the command.
    assert.match(f3001.fix!, /reg add "HKLM\\SOFTWARE\\Microsoft\\AADRM\\Connector" \/v ProxyAddress \/t REG_SZ \/d \$proxy \/f/);
    assert.doesNotMatch(f3001.fix!, /<[a-z]/i);
    assert.match(f3001.fix!, /\niisreset/);
    assert.ok(f3001.articleDiffers);
    const no = find(d, 'events.no-1002');
    assert.equal(no.severity, 'problem');
    assert.equal(no.seedStep, 'A5');
    assert.match(no.summary, /Exchange is not calling the connector/);
    assert.match(no.articleDiffers!, /2010 CU2 or 2013 RU1/);
    assert.match(no.articleDiffers!, /2010 SP3 RU6/);
    assert.match(no.articleDiffers!, /2013 CU3/);
    // the fix uses the admin's own values
    assert.ok(no.fix!.includes(`ExchangeServer\\v14\\IRM\\CertificationServerRedirection" /v "${TENANT}" /t REG_SZ /d "${CONNECTOR}" /f`));
    assert.ok(no.fix!.includes(`${CONNECTOR}/_wmcs/certification/servercertification.asmx`));
  });

  it('reads Get-EventLog | fl and reads 3000 "empty response" as SSL inspection, not "reinstall"', () => {
    const d = run('eventlog-list.txt');
    assert.equal(facts(d).format, 'get-eventlog-list');
    const ssl = find(d, 'events.3000-ssl-inspection');
    assert.equal(ssl.severity, 'problem');
    assert.match(ssl.fix!, /SSL\/TLS inspection/);
    assert.doesNotMatch(ssl.fix!, /reinstall/i);
    assert.match(ssl.articleDiffers!, /reinstall/);
    assert.ok(!ids(d).includes('events.3000'));
    assert.match(find(d, 'events.1002-present').summary, /KESTREL\\EXCH01\$/);
  });

  it('finds "empty response" even when Format-List wrapped it mid-word with odd indentation', () => {
    const d = run('wrapped-odd-indent.txt');
    assert.ok(ids(d).includes('events.3000-ssl-inspection'), ids(d).join());
    assert.ok(ids(d).includes('events.1002-present'));
  });

  it('reads wevtutil /f:text: 2000 (IIS auth) and 2003 (empty list), with the node from Computer', () => {
    const d = run('wevtutil-text.txt');
    assert.equal(facts(d).format, 'wevtutil-text');
    assert.equal(facts(d).nodes[0]!.name, 'RMSCON01.kestrel.com');
    assert.equal(facts(d).nodes[0]!.events[0]!.time, '2024-05-14T10:30:04.512');
    const a = find(d, 'events.2000');
    assert.match(a.summary + a.fix!, /Anonymous/);
    assert.match(a.fix!, /windowsAuthentication/);
    assert.ok(a.articleDiffers);
    assert.equal(a.server, 'RMSCON01.kestrel.com');
    const e = find(d, 'events.2003');
    assert.equal(e.severity, 'problem');
    assert.ok(e.articleDiffers);
  });

  it('reads wevtutil with localised field labels by position', () => {
    const d = run('wevtutil-german.txt');
    assert.equal(d.status, 'problem');
    assert.equal(facts(d).nodes[0]!.name, 'RMSCON01.kestrel.de');
    assert.deepEqual(facts(d).nodes[0]!.counts, { '1000': 1, '3001': 1 });
    assert.match(find(d, 'events.3001').detail!, /Verbindung/);
  });
});

describe('connector-events: whole-log tables', () => {
  it('keeps only the connector groups of a Get-WinEvent table of the whole Application log', () => {
    const d = run('winevent-table-whole-log.txt');
    assert.equal(facts(d).connectorEventCount, 3);
    assert.equal(facts(d).otherEventCount, 5);
    assert.deepEqual(facts(d).nodes[0]!.counts, { '1000': 1, '3001': 2 });
    assert.ok(ids(d).includes('events.3001'));
  });

  it('keeps only the connector rows of a Get-EventLog table of the whole Application log', () => {
    const d = run('eventlog-table-whole-log.txt');
    assert.equal(facts(d).connectorEventCount, 2);
    assert.equal(facts(d).otherEventCount, 4);
    assert.deepEqual(facts(d).nodes[0]!.counts, { '1004': 1, '2001': 1 });
  });
});

describe('connector-events: nodes', () => {
  it('splits a paste by === NODE === headers and names the odd node', () => {
    const d = run('two-nodes-headers.txt');
    assert.deepEqual(facts(d).nodes.map((n) => n.name), ['RMSCON01', 'RMSCON02']);
    const differ = find(d, 'events.nodes-differ');
    assert.equal(differ.severity, 'warning');
    assert.equal(differ.seedStep, 'A6');
    assert.equal(differ.server, 'RMSCON02');
    assert.match(differ.summary, /Only RMSCON02 logs event 3000/);
    const e = find(d, 'events.3000');
    assert.match(e.detail!, /Key not valid for use in specified state/);
    assert.match(e.articleDiffers!, /reinstall/);
    assert.ok(!ids(d).includes('events.no-1002')); // 1002 on RMSCON01 is enough ("on ANY node")
  });

  it('splits a paste by MachineName', () => {
    const d = run('machinename-two-nodes.txt');
    assert.deepEqual(facts(d).nodes.map((n) => n.name), ['RMSCON01.kestrel.com', 'RMSCON02.kestrel.com']);
    assert.equal(find(d, 'events.nodes-differ').server, 'RMSCON01.kestrel.com');
    assert.equal(find(d, 'events.2001').server, 'RMSCON01.kestrel.com');
  });

  it('merges pastes from several nodes (diagnoseAll)', () => {
    const n1 = wev(0, 1002, '2024-05-14T10:16:40.201', 'RMSCON01.kestrel.com', 'Access to the Microsoft RMS connector has been allowed for an authorized server.\n\nAccount name: KESTREL\\EXCH01$');
    const n2 = wev(0, 2001, '2024-05-14T10:17:40.201', 'RMSCON02.kestrel.com', 'Unauthorized access attempt to Microsoft RMS connector.\n\nAccount name: KESTREL\\EXCH02$\nComputer name: EXCH02.kestrel.com');
    const out = diagnoseAll([n1, n2]);
    assert.equal(out.length, 1);
    const d = out[0]!;
    assert.deepEqual(facts(d).nodes.map((n) => n.name), ['RMSCON01.kestrel.com', 'RMSCON02.kestrel.com']);
    assert.ok(ids(d).includes('events.1002-present'));
    assert.ok(!ids(d).includes('events.no-1002'));
    assert.match(find(d, 'events.nodes-differ').summary, /RMSCON02/);
    // unnamed nodes from separate pastes stay apart
    const t1 = 'TimeCreated  : 5/14/2024 10:00:00 AM\nProviderName : Microsoft RMS connector\nId           : 1004\nMessage      : The list of authorized accounts has been updated.';
    const t2 = t1.replace('1004', '3000').replace('The list of authorized accounts has been updated.', 'An unhandled exception occurred in the Microsoft RMS connector.');
    const m = diagnoseAll([t1, t2])[0]!;
    assert.deepEqual(facts(m).nodes.map((n) => n.name), ['paste 1', 'paste 2']);
    assert.ok(ids(m).includes('events.nodes-differ'));
  });
});

describe('connector-events: edge cases', () => {
  it('reports only-undocumented IDs as incomplete, without inventing a meaning', () => {
    const d = run('undocumented-only.txt');
    assert.equal(d.status, 'incomplete');
    assert.deepEqual(facts(d).undocumentedIds, [3002, 3004]);
    assert.ok(facts(d).nodes[0]!.events.every((e) => !e.documented));
    const u = find(d, 'events.undocumented');
    assert.equal(u.severity, 'info');
    assert.match(u.summary, /3002, 3004 are not in Microsoft's documentation/);
    assert.ok(!ids(d).includes('events.no-1002'));
  });

  it('flags an undocumented ID next to documented ones as info only', () => {
    const text = [wev(0, 1002, '2024-05-14T10:16:40.201', 'RMSCON01', 'Access allowed.'), wev(1, 3003, '2024-05-14T10:17:40.201', 'RMSCON01', 'Something.')].join('\n');
    const d = diagnose(text);
    assert.equal(d.status, 'ok');
    assert.equal(find(d, 'events.undocumented').severity, 'info');
  });

  it('says which source to filter on when the log has no connector events (wrong_input)', () => {
    const d = run('no-connector-events.txt');
    assert.equal(d.detected, KIND);
    assert.equal(d.status, 'wrong_input');
    assert.equal(facts(d).otherEventCount, 3);
    const n = find(d, 'events.none');
    assert.match(n.summary, /CONNECTOR servers, not of the Exchange servers/);
    assert.match(n.fix!, /ProviderName='Microsoft RMS connector'/);
    assert.match(d.next, /each RMS connector node/);
  });

  it('treats "No events were found" from Get-WinEvent as wrong_input with the filter to use', () => {
    const d = run('no-events-error.txt');
    assert.equal(d.detected, KIND);
    assert.equal(d.status, 'wrong_input');
    assert.ok(facts(d).noMatchError);
    assert.match(find(d, 'events.none').summary, /matched nothing/);
  });

  it('does not claim unrelated output', () => {
    assert.ok(connectorEvents.detect(normalizePaste('InternalLicensingEnabled       : True\nExternalLicensingEnabled       : False\n').text) < 0.3);
    assert.ok(connectorEvents.detect('') < 0.3);
  });

  it('treats a healthy log (1002 + 1004, nothing else) as ok and points at Test-IRMConfiguration', () => {
    const text = [wev(0, 1004, '2024-05-14T10:30:00.000', 'RMSCON01', 'The list of authorized accounts has been updated.'), wev(1, 1002, '2024-05-14T10:16:40.201', 'RMSCON01', 'Access allowed.')].join('\n');
    const d = diagnose(text, { testSender: 'admin@kestrel.com' });
    assert.equal(d.status, 'ok');
    assert.match(d.next, /Test-IRMConfiguration -Sender admin@kestrel\.com/);
  });

  it('does not say "Exchange is not calling" when 2002 shows a server connecting (1002 is logged only once)', () => {
    const text = wev(0, 2002, '2024-05-14T10:16:40.201', 'RMSCON01', 'The connection from the client listed below is using a non-secure (HTTP) connection.\n\nAccount name: KESTREL\\EXCH01$');
    const d = diagnose(text);
    assert.ok(!ids(d).includes('events.no-1002'));
    assert.equal(find(d, 'events.connected-no-1002').severity, 'info');
    assert.ok(ids(d).includes('events.2002'));
  });

  it('keeps facts small: caps events per id (latest kept) and message length, counts everything', () => {
    // wevtutil without /rd:true is oldest-first: the latest 50 are at the end
    const blocks: string[] = [];
    for (let i = 0; i < 120; i++) {
      const min = String(i % 60).padStart(2, '0');
      const hour = String(10 + Math.floor(i / 60)).padStart(2, '0');
      blocks.push(wev(i, 1004, `2024-05-14T${hour}:${min}:00.000`, 'RMSCON01', `List updated #${i}.`));
    }
    blocks.push(wev(120, 3000, '2024-05-14T12:30:00.000', 'RMSCON01', 'An unhandled exception occurred.\n' + 'x'.repeat(20000)));
    const f = parseConnectorEvents(blocks.join('\n')).facts;
    assert.equal(f.nodes[0]!.counts['1004'], 120);
    const kept = f.nodes[0]!.events.filter((e) => e.id === 1004);
    assert.equal(kept.length, 50);
    assert.equal(kept[kept.length - 1]!.message, 'List updated #119.');
    assert.ok(f.nodes[0]!.events.find((e) => e.id === 3000)!.message.length <= 2100);
  });
});

describe('connector-events: whole Application-log dumps', () => {
  it('picks the connector events of 2 nodes out of a 500 KB dump', () => {
    const dump = makeEventLogDump(500_000);
    assert.ok(dump.length > 450_000);
    const d = diagnose(dump);
    assert.equal(d.detected, KIND);
    const f = facts(d);
    assert.deepEqual(f.nodes.map((n) => n.name), ['RMSCON01.woodfin.com', 'RMSCON02.woodfin.com']);
    assert.ok(f.otherEventCount > 500, `other: ${f.otherEventCount}`);
    assert.ok(f.connectorEventCount > 20);
    assert.ok(f.otherEventCount > f.connectorEventCount);
    assert.match(find(d, 'events.2001').summary, /CONTOSO\\EXCH03\$/);
    assert.equal(find(d, 'events.nodes-differ').server, 'RMSCON02.woodfin.com');
    assert.ok(ids(d).includes('events.1002-present'));
    for (const n of f.nodes) for (const id of Object.keys(n.counts)) assert.ok(n.events.filter((e) => String(e.id) === id).length <= 50);
    assert.ok(JSON.stringify(f).length < 100_000);
  });

  it('completes on 1 MB adversarial inputs', () => {
    const mb = 1 << 20;
    const inputs = [
      'a'.repeat(mb),
      'Event[1]:\n'.repeat(mb / 10),
      '5/14/2024 10:15:22 AM '.repeat(mb / 22),
      ('   ProviderName: Microsoft RMS connector\nTimeCreated   Id LevelDisplayName Message\n' + '5/14/2024 10:15:22 AM    x'.repeat(40) + '\n').repeat(mb / 1100),
      ('=== ' + 'a'.repeat(60) + ' ' + '='.repeat(30) + 'b\n').repeat(mb / 100),
      ('Message : ' + ' '.repeat(200) + ':\n').repeat(mb / 212),
      ('   Index Time          EntryType   Source                 InstanceId Message\n' + '   1 May 14 10:15  Warning     ' + 'a '.repeat(300) + '\n').repeat(mb / 700),
    ];
    for (const s of inputs) {
      const d = diagnose(s);
      assert.ok(d.status);
      parseConnectorEvents(s);
    }
  });
});

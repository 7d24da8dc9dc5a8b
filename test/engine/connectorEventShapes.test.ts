// Connector events copied the ways admins copy them (Event Viewer's "Copy details as text" in several UI
// languages, the XML view, saved CSV, a bare message), flattened by a chat client, and 1 MB of near-misses.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { diagnose } from '../../src/engine/diagnose';
import { parseConnectorEvents } from '../../src/engine/parsers/connectorEvents';
import type { ConnectorEventsFacts } from '../../src/engine/parsers/connectorEventsFacts';
import { csvRows } from '../../src/engine/parsers/eventCsv';
import type { Diagnosis } from '../../src/engine/types';
import { restoreLines } from '../../src/engine/unflatten/eventText';

const REAL = path.join(process.cwd(), 'test', 'fixtures', 'real', 'connector-events');
function real(name: string): string {
  return fs.readFileSync(path.join(REAL, name), 'utf8');
}
function facts(d: Diagnosis): ConnectorEventsFacts {
  return d.facts as unknown as ConnectorEventsFacts;
}
function ids(d: Diagnosis): string[] {
  return d.findings.map((f) => f.id);
}
const flat = (s: string): string => s.replace(/\r?\n/g, ' ');

describe('connector-events: Event Viewer copies', () => {
  it('reads "the list of authorizations is empty" as event 2003, a problem, never "no connector events"', () => {
    for (const text of [real('viewer-copy-2003-empty-authorizations.txt'), real('message-only-2003.txt'), real('xml-view-2003.txt')]) {
      const d = diagnose(text);
      assert.equal(d.detected, 'connector-events');
      assert.equal(d.status, 'problem');
      assert.ok(ids(d).includes('events.2003'), ids(d).join());
      assert.ok(!ids(d).includes('events.none'));
      assert.match(d.findings.find((f) => f.id === 'events.2003')!.fix!, /Exchange Servers/);
    }
  });

  it('reads the German, French and Spanish labels and takes the node from Computer / Ordinateur / Equipo', () => {
    const de = facts(diagnose(real('viewer-copy-german-3001.txt')));
    assert.deepEqual([de.format, de.nodes[0]!.name, de.nodes[0]!.counts], ['event-viewer-text', 'RMSCON02.intern.musterbau.de', { '3001': 1 }]);
    const fr = diagnose(real('viewer-copy-french-2001.txt'));
    assert.equal(facts(fr).nodes[0]!.name, 'RMSCO01.ad.groupe-lumiere.fr');
    assert.match(fr.findings.find((f) => f.id === 'events.2001')!.summary, /GROUPE\\EXCH02\$/);
    const es = facts(diagnose(real('viewer-copy-spanish-1004-2002.txt')));
    assert.deepEqual(es.nodes[0]!.counts, { '1004': 1, '2002': 1 });
    assert.equal(es.nodes[0]!.events.find((e) => e.id === 2002)!.level, 'Advertencia');
  });

  it('does not count the "Event Xml:" section of a copied event a second time', () => {
    const f = facts(diagnose(real('viewer-copy-2003-empty-authorizations.txt')));
    assert.equal(f.connectorEventCount, 1);
  });

  it('a healthy log with only HTTP (2002) is ok with a warning; one copied event is not "no 1002"', () => {
    const d = diagnose(real('viewer-copy-spanish-1004-2002.txt'));
    assert.equal(d.status, 'ok');
    assert.equal(d.findings.find((f) => f.id === 'events.2002')!.severity, 'warning');
    const one = diagnose(real('docs-install-verify-1004-message.txt'));
    assert.equal(one.status, 'ok');
    assert.ok(!ids(one).includes('events.no-1002'));
    assert.match(one.next, /one event, not the log/);
  });
});

describe('connector-events: XML view and saved CSV', () => {
  it('reads the XML view: provider, ID, numeric level, computer, the Data text', () => {
    const f = facts(diagnose(real('xml-view-2003.txt')));
    assert.equal(f.format, 'event-xml');
    assert.equal(f.nodes[0]!.events[0]!.level, 'Warning');
    assert.match(f.nodes[0]!.events[0]!.message, /list of authorizations is empty/);
  });

  it('reads Event Viewer\'s CSV (unnamed description column) and keeps other providers out', () => {
    const d = diagnose(real('viewer-csv-3000-empty-response.csv'));
    assert.equal(facts(d).format, 'event-viewer-csv');
    assert.equal(facts(d).otherEventCount, 1);
    assert.ok(ids(d).includes('events.3000-ssl-inspection'));
  });

  it('reads Export-Csv of Get-EventLog: InstanceId qualifiers dropped, multi-line quoted messages kept', () => {
    const d = diagnose(real('export-csv-eventlog-2001.csv'));
    assert.equal(facts(d).format, 'export-csv');
    assert.deepEqual(facts(d).nodes[0]!.counts, { '1004': 1, '2001': 1 });
    assert.match(d.findings.find((f) => f.id === 'events.2001')!.summary, /BRIGHTWATER\\EXCH-HUB3\$/);
  });

  it('splits CSV with quotes, doubled quotes and line breaks inside fields', () => {
    assert.deepEqual(csvRows('a,"b ""x"", y",c\n"multi\nline",2,\n'), [['a', 'b "x", y', 'c'], ['multi\nline', '2', '']]);
  });
});

describe('connector-events: flattened pastes', () => {
  for (const name of ['viewer-copy-2003-empty-authorizations.txt', 'viewer-copy-german-3001.txt', 'viewer-copy-french-2001.txt', 'xml-view-2003.txt', 'get-eventlog-table-source-cut.txt', 'export-csv-eventlog-2001.csv', 'viewer-csv-3000-empty-response.csv']) {
    it(`restores the lines of ${name} and reads the same events`, () => {
      const text = real(name);
      const restored = restoreLines(flat(text));
      assert.ok(restored !== null, 'not recognised as a flattened event paste');
      assert.ok(restored.split('\n').length > 3);
      assert.deepEqual(parseConnectorEvents(restored).facts.nodes.map((n) => n.counts), parseConnectorEvents(text.replace(/\r\n/g, '\n')).facts.nodes.map((n) => n.counts));
    });
  }

  it('leaves text that is no event paste alone', () => {
    assert.equal(restoreLines('InternalLicensingEnabled : True ExternalLicensingEnabled : False'), null);
  });
});

describe('connector-events: new shapes stay linear on 1 MB of near-misses', () => {
  const MB = 1 << 20;
  const inputs: [string, string][] = [
    ['XML openers without ends', '<Event <EventID>1'.repeat(MB / 17)],
    ['one event, 1 MB of Data', `<Event xmlns="x"><System><Provider Name="Microsoft RMS connector"/><EventID>2003</EventID></System><EventData><Data>${'a'.repeat(MB)}</Data></EventData></Event>`],
    ['unterminated quotes in CSV', `Level,Date and Time,Source,Event ID,Task Category\n${'Warning,1/1/2025 1:00:00 AM,Microsoft RMS connector,2003,None,"'.repeat(MB / 64)}`],
    ['doubled quotes', `"EventID","MachineName","Source","Message"\n"2001","n","Microsoft RMS connector","${'""'.repeat(MB / 2)}"`],
    ['Log Name labels', 'Log Name: Application\n'.repeat(MB / 22)],
    ['flattened labels', 'Log Name: Source: Event ID: Description: '.repeat(MB / 42)],
    ['flattened table rows', `Index Time EntryType Source InstanceId Message ${'   1 May 14 10:30  Warning  x    2003 y '.repeat(MB / 40)}`],
    ['headline fragments', 'The list of authorizations is '.repeat(MB / 30)],
  ];
  for (const [name, make] of inputs) {
    it(name, () => {
      const d = diagnose(make);
      assert.ok(d.status);
      restoreLines(make.replace(/\n/g, ' '));
    });
  }
});

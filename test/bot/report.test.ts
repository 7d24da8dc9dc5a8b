// `npm run report` (scripts/report.js) on a small SQLite store built here, and on a telemetry
// recording: per flow step, how many cases were resolved, escalated, abandoned or are still open.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { StepRecord } from '../../src/engine/case/caseTypes';
import { TicketRepository } from '../../src/bot/helpdesk/ticketRepository';
import { CaseRepository } from '../../src/bot/storage/caseRepository';
import { SqliteRecordStore } from '../../src/bot/storage/sqliteRecordStore';
import { repoRoot } from '../helpers/fixtures';
import { DAY, storedCase, ticket } from '../helpers/storedRecords';

interface Row { nodeId: string; seedStep: string; title: string; resolved: number; escalated: number; abandoned: number; notConnector: number; open: number }

const script = path.join(repoRoot, 'scripts', 'report.js');
const step = (nodeId: string, seedStep: string): StepRecord => ({ nodeId, seedStep, title: nodeId, via: 'answer', at: new Date().toISOString() });

describe('npm run report', function () {
  this.timeout(30000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'irm-report-'));
  const now = new Date();
  const ago = (days: number): Date => new Date(now.getTime() - days * DAY);

  before(async () => {
    const store = new SqliteRecordStore(path.join(dir, 'irm-doctor.sqlite'));
    const cases = new CaseRepository(store);
    const save = (id: string, days: number, extra: Parameters<typeof storedCase>[2]) => cases.saveCase(storedCase(id, ago(days), extra), null);
    const toA3 = [step('A1.outlook', 'A1'), step('A2.scope', 'A2'), step('A3.enable-irm', 'A3')];
    await save('case-r1', 1, { status: 'resolved', nodeId: 'A3.resolved', steps: toA3 });
    await save('case-r2', 20, { status: 'resolved', nodeId: 'A3.resolved', steps: toA3 });
    await save('case-r3', 2, { status: 'resolved', branch: 'B', nodeId: 'B2a.resolved', steps: [step('B1.test', 'B1'), step('B2.config', 'B2'), step('B2a.fix', 'B2a')] });
    await save('case-e1', 3, { status: 'escalate', nodeId: 'L.escalate', steps: [step('L7.attach', 'L7')] });
    await save('case-c1', 1, { status: 'cancelled', nodeId: 'A2.scope', steps: [step('A1.outlook', 'A1')] });
    await save('case-idle', 10, { status: 'open', nodeId: 'A2.scope', steps: [step('A1.outlook', 'A1')] });
    await save('case-active', 1, { status: 'open', nodeId: 'A2.scope', steps: [step('A1.outlook', 'A1')] });
    await save('case-ticket', 30, { status: 'open', nodeId: 'A4.config', steps: toA3 });
    await save('case-nc', 1, { status: 'not-connector', nodeId: 'A1.not-connector', steps: [step('A1.outlook', 'A1')] });
    await save('case-pasted', 1, { status: 'open', branch: null, nodeId: null });
    await new TicketRepository(store).create(ticket(1, 'case-ticket', '29:alex', ago(30), { state: 'open' }));
    // Something that is not a case at all must not break the report.
    await store.put('cases', 'case-broken', { hello: 'world' }, null);
    await store.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('counts per flow step from the SQLite store (JSON)', () => {
    const out = JSON.parse(execFileSync(process.execPath, [script, '--data-dir', dir, '--json'], { encoding: 'utf8' })) as { cases: number; rows: Row[] };
    assert.strictEqual(out.cases, 10);
    const at = (id: string): Row => out.rows.find((r) => r.nodeId === id)!;
    assert.deepStrictEqual(
      out.rows.map((r) => [r.nodeId, r.resolved, r.escalated, r.abandoned, r.notConnector, r.open]),
      [
        ['(no symptom chosen)', 0, 0, 0, 0, 1],
        ['A1.outlook', 0, 0, 0, 1, 0],
        ['A2.scope', 0, 0, 2, 0, 1],
        ['A3.enable-irm', 2, 0, 0, 0, 0],
        ['A4.config', 0, 1, 0, 0, 0],
        ['B2a.fix', 1, 0, 0, 0, 0],
        ['L7.attach', 0, 1, 0, 0, 0],
      ],
    );
    assert.strictEqual(at('A3.enable-irm').seedStep, 'A3');
    assert.match(at('A3.enable-irm').title, /Turn IRM on/);
  });

  it('prints a Markdown table, and honours --idle-days', () => {
    const md = execFileSync(process.execPath, [script, '--data-dir', dir], { encoding: 'utf8' });
    assert.match(md, /^Where IRM Doctor cases ended: 10 case\(s\) from irm-doctor\.sqlite; abandoned = cancelled, or open and idle for more than 7 days\./);
    assert.match(md, /\| A3 \| A3\.enable-irm \| Turn IRM on[^|]* \| 2 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.match(md, /\| \*\*All\*\* \| \| \| 3 \| 2 \| 2 \| 1 \| 2 \|/);
    const strict = JSON.parse(execFileSync(process.execPath, [script, '--data-dir', dir, '--json', '--idle-days', '30'], { encoding: 'utf8' })) as { rows: Row[] };
    assert.deepStrictEqual(strict.rows.find((r) => r.nodeId === 'A2.scope')!.abandoned, 1);
  });

  it('reads a telemetry recording instead with --telemetry', () => {
    const file = path.join(dir, 't.jsonl');
    const ev = (name: string, props: Record<string, string>): string => JSON.stringify({ type: 'event', name, props, measurements: {}, at: now.toISOString() });
    fs.writeFileSync(file, [
      ev('case.resolved', { nodeId: 'A3.enable-irm', seedStep: 'A3' }), ev('case.resolved', { nodeId: 'A3.enable-irm', seedStep: 'A3' }),
      ev('case.abandoned', { nodeId: 'A2.scope', how: 'cancel' }), ev('case.escalated', { nodeId: 'A4.config', via: 'helpdesk' }), ev('turn', {}), 'not json', '',
    ].join('\n'));
    const out = JSON.parse(execFileSync(process.execPath, [script, '--telemetry', file, '--json'], { encoding: 'utf8' })) as { cases: number; rows: Row[] };
    assert.strictEqual(out.cases, 4);
    assert.deepStrictEqual(out.rows.map((r) => [r.nodeId, r.resolved, r.escalated, r.abandoned]), [['A2.scope', 0, 0, 1], ['A3.enable-irm', 2, 0, 0], ['A4.config', 0, 1, 0]]);
  });

  it('says what is wrong with a missing store or a bad option', () => {
    const missing = spawnSync(process.execPath, [script, '--data-dir', path.join(dir, 'nope')], { encoding: 'utf8' });
    assert.strictEqual(missing.status, 1);
    assert.match(missing.stderr, /no store at/);
    const bad = spawnSync(process.execPath, [script, '--frobnicate'], { encoding: 'utf8' });
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /unknown option --frobnicate[\s\S]*Usage/);
  });
});

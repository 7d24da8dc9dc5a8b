import assert from 'node:assert/strict';
import flowJson from '../../src/engine/flow/flow.json';
import { FLOW, loadFlow } from '../../src/engine/flow/loadFlow';
import { nodeById, reachableFrom, successors } from '../../src/engine/flow/flowGraph';
import { SEED_STEPS, seedStepTable } from '../../src/engine/flow/seedStepTable';
import type { Flow, FlowNode, OutcomeKind, PasteNode, QuestionNode } from '../../src/engine/flow/flowTypes';
import { joinFix, purgeAndToggleIrm } from '../../src/engine/fixes';

const clone = (): { version: number; branches: unknown[]; nodes: Record<string, unknown>[] } => JSON.parse(JSON.stringify(flowJson));
const node = (id: string): FlowNode => {
  const n = nodeById(FLOW, id);
  assert.ok(n, `node ${id} exists`);
  return n;
};
const branchStart = (id: 'A' | 'B'): string => (FLOW.branches.find((b) => b.id === id) as { start: string }).start;
const outcomesReachable = (id: 'A' | 'B'): Set<OutcomeKind> => {
  const kinds = new Set<OutcomeKind>();
  for (const nid of reachableFrom(FLOW, [branchStart(id)])) {
    const n = node(nid);
    if (n.type === 'outcome') kinds.add(n.outcome);
  }
  return kinds;
};
const pastes = (): PasteNode[] => FLOW.nodes.filter((n): n is PasteNode => n.type === 'paste');
const questions = (): QuestionNode[] => FLOW.nodes.filter((n): n is QuestionNode => n.type === 'question');

describe('flow: loadFlow', () => {
  it('accepts flow.json, keeps version 1 and both symptoms', () => {
    const flow = loadFlow(flowJson);
    assert.equal(flow.version, 1);
    assert.deepEqual(flow.branches.map((b) => b.id), ['A', 'B']);
    assert.equal(flow.nodes.length, flowJson.nodes.length);
    assert.deepEqual(FLOW, flow);
  });

  const rejects = (mutate: (f: ReturnType<typeof clone>) => void, ...patterns: RegExp[]): void => {
    const f = clone();
    mutate(f);
    assert.throws(
      () => loadFlow(f),
      (e: Error) => {
        for (const p of patterns) assert.match(e.message, p);
        return true;
      },
    );
  };

  it('rejects a node without seedStep, naming the node', () => {
    rejects((f) => delete f.nodes[3].seedStep, new RegExp(`node "${String(flowJson.nodes[3].id).replace(/\./g, '\\.')}"`), /seedStep/);
  });
  it('rejects a seedStep that is not a step of the article', () => {
    rejects((f) => (f.nodes[0].seedStep = 'A9'), /node "A1\.outlook"/, /seedStep "A9"/);
  });
  it('rejects a dangling edge, naming the node and the missing target', () => {
    rejects(
      (f) => ((f.nodes.find((n) => n.id === 'A3.test') as Record<string, unknown>).otherwise = 'A4.nowhere'),
      /node "A3\.test"/,
      /dangling edge to "A4\.nowhere"/,
    );
    rejects((f) => ((f.branches[1] as Record<string, unknown>).start = 'B0.start'), /branch "B"/, /"B0\.start" is not a node/);
  });
  it('rejects an unknown node type', () => {
    rejects((f) => (f.nodes[0].type = 'decision'), /node "A1\.outlook"/, /unknown type "decision"/);
  });
  it('rejects a misspelt property instead of ignoring it', () => {
    rejects((f) => (f.nodes[0].seedstep = 'A1'), /node "A1\.outlook"/, /unknown property "seedstep"/);
  });
  it('rejects a condition that flowTypes does not allow', () => {
    const test = (f: ReturnType<typeof clone>) => f.nodes.find((n) => n.id === 'A3.test') as { transitions: { when: unknown }[] };
    rejects((f) => (test(f).transitions[0].when = { findings: 'irmtest.passed' }), /node "A3\.test"/, /transitions\[0\]/, /unknown condition "findings"/);
    rejects((f) => (test(f).transitions[0].when = { status: 'fine' }), /unknown status "fine"/);
    rejects((f) => (test(f).transitions[0].when = { any: [] }), /"any" must not be empty/);
    rejects((f) => (test(f).transitions[0].when = { finding: 'x', status: 'ok' }), /exactly one of/);
  });
  it('rejects duplicate node ids, unknown paste kinds and outcome kinds, empty options', () => {
    rejects((f) => (f.nodes[1].id = f.nodes[0].id), /node "A1\.outlook": duplicate node id/);
    rejects((f) => ((f.nodes.find((n) => n.id === 'A3.test') as Record<string, unknown>).expects = ['irm-tset']), /unknown paste kind "irm-tset"/);
    rejects((f) => (f.nodes[1].outcome = 'fixed'), /node "A1\.not-connector"/, /unknown outcome "fixed"/);
    rejects((f) => (f.nodes[0].options = []), /node "A1\.outlook"/, /"options" must not be empty/);
  });
  it('rejects input that is not a flow at all', () => {
    assert.throws(() => loadFlow(null), /Invalid flow: the flow must be an object/);
    assert.throws(() => loadFlow({ version: 1, branches: [], nodes: [] }), /"branches" must not be empty/);
    assert.throws(() => loadFlow({ ...clone(), version: '1' }), /"version" must be a positive integer/);
  });
});

describe('flow: graph', () => {
  it('has unique node ids', () => {
    const ids = FLOW.nodes.map((n) => n.id);
    assert.equal(new Set(ids).size, ids.length);
  });
  it('reaches every node from the two symptom starts', () => {
    const reached = reachableFrom(FLOW, FLOW.branches.map((b) => b.start));
    assert.deepEqual(FLOW.nodes.map((n) => n.id).filter((id) => !reached.has(id)), []);
  });
  it('has no dangling edge', () => {
    for (const n of FLOW.nodes) for (const s of successors(n)) assert.ok(nodeById(FLOW, s), `${n.id} -> ${s}`);
  });
  it('ends only in outcomes, and outcomes end', () => {
    for (const n of FLOW.nodes) assert.equal(successors(n).length === 0, n.type === 'outcome', n.id);
  });
  it('lets both symptoms reach a resolved and an escalate outcome', () => {
    for (const b of ['A', 'B'] as const) {
      const kinds = outcomesReachable(b);
      assert.ok(kinds.has('resolved') && kinds.has('escalate'), `${b}: ${[...kinds].join(', ')}`);
    }
    assert.ok(outcomesReachable('A').has('not-connector'));
  });
  it('keeps the two symptoms apart: only the log collection is shared, and each card names its own step numbers', () => {
    const a = reachableFrom(FLOW, [branchStart('A')]);
    const b = reachableFrom(FLOW, [branchStart('B')]);
    for (const id of a) if (b.has(id)) assert.match(node(id).seedStep, /^L/, `${id} is shared`);
    for (const id of a) if (!b.has(id)) assert.match(node(id).seedStep, /^(A|P)/, id);
    for (const id of b) if (!a.has(id)) assert.match(node(id).seedStep, /^(B|P)/, id);
  });
  it('routes each branch end through log collection to escalation', () => {
    for (const id of ['A8c.mode2', 'B6c.mode2']) assert.ok(successors(node(id)).includes('L0.collect'), id);
    const logs = reachableFrom(FLOW, ['L0.collect']);
    for (const s of ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'LT']) assert.ok([...logs].some((id) => node(id).seedStep === s), s);
    assert.equal((node('L7.attach') as QuestionNode).options[0].next, 'L.escalate');
  });
});

describe('flow: the seed article', () => {
  it('lists every step and sub-step of the article once', () => {
    const steps = SEED_STEPS.map((s) => s.step);
    assert.equal(new Set(steps).size, steps.length);
    const expected = [
      'P1', 'P2', 'A1', 'A2', 'A3', 'A4', 'A4a', 'A4b', 'A5', 'A6', 'A7', 'A8', 'A8a', 'A8b', 'A8c',
      'B1', 'B2', 'B2a', 'B2b', 'B3', 'B4', 'B5', 'B6', 'B6a', 'B6b', 'B6c', 'L0', 'L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'LT',
    ];
    assert.deepEqual([...steps].sort(), [...expected].sort());
  });
  it('names a known seed step on every node', () => {
    const known = new Set(SEED_STEPS.map((s) => s.step));
    for (const n of FLOW.nodes) assert.ok(known.has(n.seedStep), `${n.id}: ${n.seedStep}`);
  });
  it('implements every seed step with at least one node', () => {
    const missing = seedStepTable(FLOW).filter((r) => r.nodes.length === 0).map((r) => r.step);
    assert.deepEqual(missing, []);
  });
  it('follows the article where it is right: A1 no is not a connector issue, A2 yes goes to step 7, A3 pass goes to step 6', () => {
    const a1 = node(branchStart('A')) as QuestionNode;
    assert.equal(a1.seedStep, 'A1');
    const no = node((a1.options.find((o) => o.id === 'no') as { next: string }).next);
    assert.equal(no.type === 'outcome' && no.outcome, 'not-connector');
    assert.match((no as { message: string }).message, /Office/);
    assert.match((no as { message: string }).message, /RMS/);
    const a2 = node('A2.scope') as QuestionNode;
    assert.equal(node((a2.options.find((o) => o.id === 'yes') as { next: string }).next).seedStep, 'A7');
    const passed = (node('A3.test') as PasteNode).transitions.find((t) => JSON.stringify(t.when) === '{"finding":"irmtest.passed"}');
    assert.equal(node((passed as { next: string }).next).seedStep, 'A6');
  });
  it('follows the intent of branch B "go to #6" (the server-specific step 4) and says so', () => {
    const b1 = node(branchStart('B')) as PasteNode;
    assert.equal(b1.seedStep, 'B1');
    assert.match(b1.articleDiffers ?? '', /#6/);
    const passed = b1.transitions.find((t) => JSON.stringify(t.when) === '{"finding":"irmtest.passed"}');
    assert.equal(node((passed as { next: string }).next).seedStep, 'B4');
    assert.match(passed?.say ?? '', /#6/);
  });
  it('says where it follows the docs instead of the article', () => {
    const differs = (id: string, re: RegExp) => assert.match(node(id).articleDiffers ?? '', re, id);
    for (const id of ['A5.version', 'B3.version']) {
      differs(id, /2010 CU2 or 2013 RU1/);
      differs(id, /SP3 RU6/);
      differs(id, /2013 CU3/);
    }
    differs('A4b.registry', /EnterprisePublishing/);
    differs('B2b.registry', /EnterprisePublishing/);
    differs('A4.config', /ServiceLocation and PublishingLocation/);
    differs('B2.config', /ServiceLocation and PublishingLocation/);
    for (const id of ['A5.events', 'B3.events']) {
      differs(id, /SSL inspection/);
      for (const ev of ['3001', '2000', '2002', '2003']) differs(id, new RegExp(ev));
    }
    differs('B4.question', /but others can't/);
    differs('B4.question', /rile/);
    // This copy of the article has the typo in the second section only.
    assert.equal(node('A6.question').articleDiffers, undefined);
    differs('A5.registry', /http\(s\)/);
    differs('B3.registry', /https:\/\/ only/);
    differs('A5.registry', /#exchange-2016-or-exchange-2013-registry-settings/);
    differs('A1.outlook', /Outlook/);
  });
});

describe('flow: nodes', () => {
  it('offers a skip on every paste node (admins may lack access)', () => {
    for (const p of pastes()) assert.ok(p.skip, p.id);
  });
  it('uses only the placeholders the dialog fills', () => {
    for (const n of [...pastes(), ...questions()]) {
      for (const m of (n.command ?? '').matchAll(/\{\{(\w+)\}\}/g)) {
        assert.ok(['tenantUrl', 'connectorUrl', 'registryVersion', 'testSender'].includes(m[1]), `${n.id}: {{${m[1]}}}`);
      }
    }
  });
  it('asks for exact, runnable commands', () => {
    const byKind = (kind: string) => pastes().filter((p) => p.expects.includes(kind as PasteNode['expects'][number]));
    for (const p of byKind('irm-test')) assert.equal(p.command, 'Test-IRMConfiguration -Sender {{testSender}}');
    for (const p of byKind('irm-configuration')) assert.equal(p.command, 'Get-IRMConfiguration | Format-List');
    for (const p of byKind('connector-events')) {
      // Filtered by event ID and capped, so the output stays under what a Teams message carries.
      assert.equal(p.command, "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Microsoft RMS connector'; Id=1002,1003,2000,2001,2002,2003,3000,3001} -MaxEvents 50 | Format-List\n" +
        "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Microsoft RMS connector'; Id=1004} -MaxEvents 1 | Format-List");
      assert.match(p.runOn, /connector server/);
    }
    for (const p of byKind('registry')) {
      assert.ok(p.command.includes('reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s'), p.id);
      assert.ok(p.command.includes('reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\{{registryVersion}}\\IRM" /s'), p.id);
    }
    for (const p of byKind('exchange-version')) assert.match(p.command, /^Get-ExchangeServer \| Format-List Name,Edition,AdminDisplayVersion\nGet-Command ExSetup/);
    for (const p of byKind('web-probe')) assert.match(p.command, /^Invoke-WebRequest -Uri "\{\{connectorUrl\}\}\/_wmcs\/licensing" -UseDefaultCredentials/);
    for (const p of byKind('certificate-check')) assert.match(p.command, /^certutil -verify -urlfetch /);
    assert.ok(byKind('rms-tenant-configuration').every((p) => p.command.includes('Get-AipServiceConfiguration')));
  });
  it('shows the same purge and IRM off/on sequence as fixes.ts on every registry fix', () => {
    const purge = joinFix(purgeAndToggleIrm());
    for (const id of ['A4b.fix', 'B2b.fix', 'A5.registry-fix', 'B3.registry-fix', 'A6.registry-fix', 'B4.registry-fix']) {
      assert.ok((node(id) as QuestionNode).command?.includes(purge), id);
    }
  });
  it('ends every "it works now" answer in a resolved outcome, and offers one on every fix question', () => {
    for (const q of questions()) {
      for (const o of q.options.filter((x) => /works now|opens now/.test(x.label))) {
        const target = node(o.next);
        assert.equal(target.type === 'outcome' && target.outcome, 'resolved', `${q.id} -> ${o.next}`);
      }
    }
    const fixQuestions = questions().filter((q) => q.command !== undefined && !q.seedStep.startsWith('L'));
    assert.ok(fixQuestions.length >= 20);
    for (const q of fixQuestions) assert.ok(q.options.some((o) => /works now|opens now/.test(o.label)), q.id);
  });
});

describe('flow: graph helpers', () => {
  const tiny: Flow = {
    version: 1,
    branches: [{ id: 'A', symptom: 's', start: 'q' }],
    nodes: [
      { id: 'q', type: 'question', seedStep: 'A1', title: 't', why: 'w', question: '?', options: [{ id: 'yes', label: 'Y', next: 'p' }, { id: 'no', label: 'N', next: 'o' }] },
      {
        id: 'p', type: 'paste', seedStep: 'A3', title: 't', why: 'w', command: 'c', runOn: 'r', pasteBack: 'b', expects: ['irm-test'],
        transitions: [{ when: { finding: 'irmtest.passed' }, next: 'o' }], otherwise: 'o', skip: 'q',
      },
      { id: 'o', type: 'outcome', seedStep: 'A3', title: 't', why: 'w', outcome: 'resolved', message: 'm' },
      { id: 'x', type: 'outcome', seedStep: 'A3', title: 't', why: 'w', outcome: 'escalate', message: 'm' },
    ],
  };
  it('lists distinct successors in edge order', () => {
    assert.deepEqual(successors(tiny.nodes[0]), ['p', 'o']);
    assert.deepEqual(successors(tiny.nodes[1]), ['o', 'q']);
    assert.deepEqual(successors(tiny.nodes[2]), []);
  });
  it('finds reachable nodes through cycles and ignores unknown start ids', () => {
    assert.deepEqual([...reachableFrom(tiny, ['q'])].sort(), ['o', 'p', 'q']);
    assert.deepEqual([...reachableFrom(tiny, ['nope'])], []);
    assert.equal(nodeById(tiny, 'x')?.type, 'outcome');
    assert.equal(nodeById(tiny, 'nope'), undefined);
    assert.deepEqual(loadFlow(tiny), tiny);
  });
});

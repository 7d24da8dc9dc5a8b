import assert from 'node:assert/strict';
import flowJson from '../../src/engine/flow/flow.json';
import { FLOW, loadFlow } from '../../src/engine/flow/loadFlow';
import { nodeById, reachableFrom, successors } from '../../src/engine/flow/flowGraph';
import { SEED_STEPS, seedStepTable } from '../../src/engine/flow/seedStepTable';
import type { Flow, FlowNode, OutcomeKind, PasteNode, QuestionNode } from '../../src/engine/flow/flowTypes';
import { joinFix, purgeAndToggleIrm } from '../../src/engine/fixes';

type RawFlow = { version: number; branches: Record<string, unknown>[]; sharedSteps: Record<string, Record<string, unknown>>; sharedNodes: Record<string, unknown>[]; nodes: Record<string, unknown>[] };
const clone = (): RawFlow => JSON.parse(JSON.stringify(flowJson));
/** A node of flow.json as written: a branch-only one by id, a shared one by its templated id ("{test}.test"). */
const raw = (f: RawFlow, id: string): Record<string, unknown> => {
  const n = [...f.nodes, ...f.sharedNodes].find((x) => x.id === id);
  assert.ok(n, `flow.json has ${id}`);
  return n;
};
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
    assert.equal(flow.nodes.length, flowJson.nodes.length + 2 * flowJson.sharedNodes.length, 'branch-only nodes, and the shared ones once per branch');
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
      (f) => (raw(f, 'A2.scope').options = [{ id: 'yes', label: 'Yes', next: 'A4.nowhere' }]),
      /node "A2\.scope"/,
      /dangling edge to "A4\.nowhere"/,
    );
    rejects((f) => (raw(f, '{test}.test').otherwise = '{config}.nowhere'), /node "A3\.test"/, /dangling edge to "A4\.nowhere"/);
    rejects((f) => ((f.branches[1] as Record<string, unknown>).start = 'B0.start'), /branch "B"/, /"B0\.start" is not a node/);
  });
  it('rejects an unknown node type', () => {
    rejects((f) => (f.nodes[0].type = 'decision'), /node "A1\.outlook"/, /unknown type "decision"/);
  });
  it('rejects a misspelt property instead of ignoring it', () => {
    rejects((f) => (f.nodes[0].seedstep = 'A1'), /node "A1\.outlook"/, /unknown property "seedstep"/);
  });
  it('rejects a condition that flowTypes does not allow', () => {
    const test = (f: RawFlow) => raw(f, '{test}.test') as { transitions: { when: unknown }[] };
    rejects((f) => (test(f).transitions[0].when = { findings: 'irmtest.passed' }), /node "A3\.test"/, /transitions\[0\]/, /unknown condition "findings"/);
    rejects((f) => (test(f).transitions[0].when = { status: 'fine' }), /unknown status "fine"/);
    rejects((f) => (test(f).transitions[0].when = { any: [] }), /"any" must not be empty/);
    rejects((f) => (test(f).transitions[0].when = { finding: 'x', status: 'ok' }), /exactly one of/);
  });
  it('rejects duplicate node ids, unknown paste kinds and outcome kinds, empty options', () => {
    rejects((f) => (f.nodes[1].id = f.nodes[0].id), /node "A1\.outlook": duplicate node id/);
    rejects((f) => (raw(f, '{test}.test').expects = ['irm-tset']), /unknown paste kind "irm-tset"/);
    rejects((f) => (f.nodes[1].outcome = 'fixed'), /node "A1\.not-connector"/, /unknown outcome "fixed"/);
    rejects((f) => (f.nodes[0].options = []), /node "A1\.outlook"/, /"options" must not be empty/);
  });
  it('rejects input that is not a flow at all', () => {
    assert.throws(() => loadFlow(null), /Invalid flow: the flow must be an object/);
    assert.throws(() => loadFlow({ version: 1, branches: [], nodes: [] }), /"branches" must not be empty/);
    assert.throws(() => loadFlow({ ...clone(), version: '1' }), /"version" must be a positive integer/);
  });
  it('rejects shared steps and shared nodes that would give a branch the wrong step', () => {
    rejects((f) => (f.sharedSteps.registry!.B = 'A4b'), /sharedSteps "registry"/, /branch B needs its own article step/);
    rejects((f) => (f.sharedSteps.registry!.B = 'B9'), /sharedSteps "registry"/);
    rejects((f) => (f.sharedSteps.registry!.B = 'B2a'), /step B2a is already another shared step's/);
    rejects((f) => (raw(f, '{registry}.fix').seedStep = '{regsitry}'), /shared node "\{registry\}\.fix" \(branch A\)/, /"\{regsitry\}" in seedStep is not a shared step/);
    rejects((f) => (raw(f, '{registry}.fix').why = 'as in step {regsitry}'), /"\{regsitry\}" in why is not a shared step/);
    rejects((f) => (raw(f, '{registry}.fix').id = 'registry.fix'), /its id must name its step/);
    rejects((f) => (raw(f, '{registry}.fix').title = { A: 'a', C: 'c' }), /title has unknown branch "C"/);
    rejects((f) => (raw(f, '{registry}.fix').title = { A: 'only the first section' }), /node "B2b\.fix"/, /"title" must be a non-empty string/);
    rejects((f) => delete f.branches[1]!.fixedQuestion, /branches\[1\]/, /"fixedQuestion"/);
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
  it('keeps the two symptoms apart: only the log collection is reached by both, and each node names its own section\'s step', () => {
    const a = reachableFrom(FLOW, [branchStart('A')]);
    const b = reachableFrom(FLOW, [branchStart('B')]);
    for (const id of a) if (b.has(id)) assert.match(node(id).seedStep, /^L/, `${id} is shared`);
    for (const id of a) if (!b.has(id)) assert.match(node(id).seedStep, /^(A|P)/, id);
    for (const id of b) if (!a.has(id)) assert.match(node(id).seedStep, /^(B|P)/, id);
  });
});

describe('flow: steps both sections share are written once', () => {
  const byBranch = (b: 'A' | 'B'): Map<string, FlowNode> => {
    const labels = new Map(FLOW.sharedSteps.map((s) => [s.labels[b], s.key] as const));
    // "A4b.fix" -> "registry.fix": the node's place in the shared list, whichever branch it is in.
    return new Map(FLOW.nodes.flatMap((n) => {
      const m = /^([AB]\d[a-z]?)\.(.+)$/.exec(n.id);
      return m && labels.has(m[1]!) ? [[`${labels.get(m[1]!)}.${m[2]}`, n] as const] : [];
    }));
  };
  const texts = (n: FlowNode): string[] => {
    const out = [n.title, n.why, n.articleDiffers ?? ''];
    if (n.type === 'question') out.push(n.question, n.command ?? '', ...n.options.map((o) => o.label));
    if (n.type === 'paste') out.push(n.command, n.runOn, n.pasteBack, ...n.transitions.map((t) => t.say ?? ''));
    if (n.type === 'outcome') out.push(n.message);
    return out;
  };

  it('keeps no branch-B copy in flow.json: every node is written once, the shared ones with their step as a key', () => {
    const written = [...flowJson.nodes, ...flowJson.sharedNodes].map((n) => n.id);
    assert.equal(new Set(written).size, written.length);
    assert.deepEqual(written.filter((id) => /^B/.test(id)), [], 'no branch-B node is written out');
    for (const n of flowJson.sharedNodes) assert.match(n.id, /^\{\w+\}\./, n.id);
    assert.ok(flowJson.sharedNodes.length >= 30, `${flowJson.sharedNodes.length} shared nodes`);
  });

  it('gives both branches the same shared nodes, each under its own section\'s step label', () => {
    const a = byBranch('A');
    const b = byBranch('B');
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    assert.equal(a.size, flowJson.sharedNodes.length);
    for (const s of FLOW.sharedSteps) {
      assert.match(s.labels.A, /^A/, s.key);
      assert.match(s.labels.B, /^B/, s.key);
    }
    for (const [key, na] of a) {
      const nb = b.get(key) as FlowNode;
      assert.equal(nb.type, na.type, key);
      const label = (n: FlowNode, br: 'A' | 'B'): string => FLOW.sharedSteps.find((s) => s.labels.A === n.seedStep || s.labels.B === n.seedStep)?.labels[br] ?? n.seedStep;
      assert.equal(nb.seedStep, label(na, 'B'), `${nb.id} is labelled with its own section's step`);
      // A's edges with A's shared-step labels swapped for B's ("A5.version" -> "B3.version"; "L0.collect" stays).
      const inB = (id: string): string => id.replace(/^A\d[a-z]?(?=\.)/, (l) => FLOW.sharedSteps.find((st) => st.labels.A === l)?.labels.B ?? l);
      assert.deepEqual(successors(nb), successors(na).map(inB), `${nb.id} leads where ${na.id} leads, in branch B`);
    }
  });

  it('numbers the steps in card text as each section does ("step 2b" in the second, "step 4b" in the first)', () => {
    assert.match(node('A4.config').articleDiffers ?? '', /step 4b/);
    assert.match(node('B2.config').articleDiffers ?? '', /step 2b/);
    assert.doesNotMatch(node('B2.config').articleDiffers ?? '', /step 4b/);
    const say = (id: string, finding: string): string => (node(id) as PasteNode).transitions.find((t) => JSON.stringify(t.when) === JSON.stringify({ finding }))?.say ?? '';
    assert.match(say('A3.test', 'irmtest.rms-version-mismatch'), /steps 5 and 8c/);
    assert.match(say('B1.test', 'irmtest.rms-version-mismatch'), /steps 3 and 6c/);
    // Every "step N" a branch-B node mentions is a step of the second section (or says it quotes the first).
    const b = reachableFrom(FLOW, [branchStart('B')]);
    for (const id of b) {
      if (node(id).seedStep.startsWith('L')) continue;
      for (const t of texts(node(id))) {
        for (const m of t.matchAll(/\bsteps? (\d[a-c]?)/g)) assert.ok(SEED_STEPS.some((s) => s.step === `B${m[1]}`), `${id}: "${m[0]}" in "${t}"`);
      }
    }
  });
});

describe('flow: closing a case takes one clear question', () => {
  const closing = (): { q: QuestionNode; label: string }[] =>
    questions().flatMap((q) => q.options.filter((o) => node(o.next).type === 'outcome' && (node(o.next) as { outcome: string }).outcome === 'resolved').map((o) => ({ q, label: o.label })));

  it('asks one thing wherever "yes" closes the case as resolved, and labels that answer plainly', () => {
    assert.ok(closing().length >= 30, `${closing().length} closing answers`);
    for (const { q, label } of closing()) {
      assert.equal(q.question.split('?').length - 1, 1, `${q.id}: one question mark in "${q.question}"`);
      assert.doesNotMatch(q.question, /\?.+|, and (does|do|is|can|did)\b|\band (does|do|is|are|can|did) /i, `${q.id}: "${q.question}" asks two things`);
      assert.match(label, /^Yes, it (works|opens) now$/, `${q.id}: "${label}"`);
    }
  });

  it('asks each branch\'s own "is it fixed?" question, written once per branch', () => {
    for (const b of FLOW.branches) {
      const reached = reachableFrom(FLOW, [b.start]);
      const asked = closing().filter(({ q }) => reached.has(q.id) && q.question.endsWith(b.fixedQuestion));
      assert.ok(asked.length >= 12, `${b.id}: ${asked.length}`);
    }
    assert.match(FLOW.branches.find((b) => b.id === 'B')!.fixedQuestion, /OVERALL RESULT: PASS/);
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
      assert.equal(p.command, "Get-WinEvent -FilterHashtable @{LogName='Application'; ProviderName='Microsoft RMS connector'} -MaxEvents 200 | Format-List");
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
    // A question with a command is a fix to try, or a check whose "no" leads to one (the Mode 2 hotfix).
    const fixQuestions = questions().filter((q) => q.command !== undefined && !q.seedStep.startsWith('L'));
    assert.ok(fixQuestions.length >= 20);
    const offers = (q: QuestionNode): boolean => q.options.some((o) => /works now|opens now/.test(o.label));
    for (const q of fixQuestions) assert.ok(offers(q) || q.options.some((o) => node(o.next).type === 'question' && offers(node(o.next) as QuestionNode)), q.id);
  });
});

describe('flow: graph helpers', () => {
  const tiny: Flow = {
    version: 1,
    branches: [{ id: 'A', symptom: 's', start: 'q', fixedQuestion: 'does it work now?' }],
    sharedSteps: [],
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
    assert.deepEqual(loadFlow({ ...tiny, sharedSteps: {} }), tiny);
  });
});

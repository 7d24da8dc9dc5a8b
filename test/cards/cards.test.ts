import * as assert from 'assert';
import { parseCardAction } from '../../src/cards/cardActions';
import { diagnosisCard, nodeCard, outcomeCard, repromptCard, summaryCard, welcomeCard, type CardAttachment } from '../../src/cards/cards';
import { MAX_FINDINGS_ON_CARD } from '../../src/cards/diagnosisView';
import { CardTemplateError, renderCard } from '../../src/cards/renderCard';
import type { CaseState, StepRecord } from '../../src/engine/case/caseTypes';
import { diagnose } from '../../src/engine/diagnose';
import { fullRegistryFix, joinFix, purgeAndToggleIrm, TENANT_PLACEHOLDER } from '../../src/engine/fixes';
import { FLOW } from '../../src/engine/flow/loadFlow';
import type { FlowNode, OutcomeNode, PasteNode, QuestionNode } from '../../src/engine/flow/flowTypes';
import type { CaseContext, Diagnosis, Finding } from '../../src/engine/types';
import {
  adaptiveCardsErrors,
  adaptiveCardsEventsUntaught,
  elementsOfType,
  objectsOf,
  schemaErrors,
  SCHEMA_PATH,
  submitData,
} from '../helpers/cardValidator';
import { fixture, fixtureNames, repoRoot } from '../helpers/fixtures';

const MAX_BYTES = 28 * 1024;

// ---- sample data, shaped like what the engine produces ---------------------------------------

const TENANT = 'https://5c6bb73b-1038-4eec-863d-49bded473437.rms.na.aadrm.com';
const CONNECTOR = 'https://rmsconnector.contoso.com';

const fullCtx: CaseContext = {
  tenantUrl: TENANT,
  connectorUrl: CONNECTOR,
  exchangeRegistryVersion: 'v15',
  exchangeProduct: 'Exchange Server 2016 CU23',
  internalLicensingEnabled: false,
  testSender: 'admin@contoso.com',
};

const registryNode: PasteNode = {
  type: 'paste',
  id: 'A4b.registry',
  seedStep: 'A4b',
  title: 'Check the registry on each Exchange server',
  why: 'Exchange reads the Azure RMS URLs from MSDRM\\ServiceLocation and swaps them for the connector through the IRM redirection keys.',
  articleDiffers: 'The article names only MSDRM\\ServiceLocation\\Activation; the docs also require EnterprisePublishing.',
  command:
    'reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s\n' +
    'reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\{{registryVersion}}\\IRM\\LicenseServerRedirection" /v "{{tenantUrl}}"',
  runOn: 'on EACH Exchange server that talks to the connector, in an elevated command prompt',
  pasteBack: 'the output of both commands; for several servers, paste one server per message',
  expects: ['registry'],
  transitions: [],
  otherwise: 'A5.events',
  skip: 'A5.events',
};

const probeNode: PasteNode = {
  type: 'paste',
  id: 'A5.probe',
  seedStep: 'A5',
  title: 'Can Exchange reach the connector?',
  why: 'If Exchange cannot reach the connector, nothing else matters.',
  command: 'Invoke-WebRequest -Uri "{{connectorUrl}}/_wmcs/licensing" -UseDefaultCredentials -UseBasicParsing',
  runOn: 'on an Exchange server, in Windows PowerShell.',
  pasteBack: 'the whole output, including any error.',
  expects: ['web-probe'],
  transitions: [],
  otherwise: 'A6.question',
};

const enableNode: QuestionNode = {
  type: 'question',
  id: 'A3.enable-irm',
  seedStep: 'A3',
  title: 'Turn IRM on',
  why: 'InternalLicensingEnabled is False, so Exchange does not use IRM at all.',
  command: 'Set-IRMConfiguration -InternalLicensingEnabled $true -Force\nTest-IRMConfiguration -Sender {{testSender}}',
  question: 'After turning it on, does Test-IRMConfiguration pass?',
  options: [
    { id: 'yes', label: 'Yes, it works now', next: 'A3.resolved' },
    { id: 'no', label: 'No, still failing', next: 'A4.config' },
  ],
};

const mode2Node: QuestionNode = {
  type: 'question',
  id: 'A8c.mode2',
  seedStep: 'A8c',
  title: 'Is the Exchange server\'s RMS client Mode 2 capable?',
  why: 'Mode 1 RMS clients cannot use the connector\'s keys.',
  articleDiffers: 'The hotfix only applies to Windows Server 2008 R2.',
  question: 'Check the RMS client version on the Exchange server.',
  options: [
    { id: 'fine', label: 'Yes, nothing to change', next: 'A8.resolved' },
    { id: 'fixed', label: 'I installed the hotfix and it works now', next: 'A8.resolved' },
    { id: 'still', label: 'I installed the hotfix, still failing', next: 'L0.collect' },
  ],
};

const linkNode: QuestionNode = {
  type: 'question',
  id: 'L1.download',
  seedStep: 'L1',
  title: 'Download RMS Analyzer',
  why: 'RMS Analyzer records what the RMS client on the Exchange server does.',
  command: 'https://www.microsoft.com/download/details.aspx?id=46437',
  question: 'Download RMS Analyzer onto the Exchange server that shows the problem.',
  options: [{ id: 'done', label: 'Done', next: 'L2.start' }],
};

function outcome(kind: OutcomeNode['outcome'], id: string, title: string, message: string): OutcomeNode {
  return { type: 'outcome', id, seedStep: id.split('.')[0]!, outcome: kind, title, why: 'Because the checks say so.', message };
}
const resolvedNode = outcome('resolved', 'A3.resolved', 'Resolved: IRM turned on', 'Turning IRM on fixed it.');
const notConnectorNode = outcome('not-connector', 'A1.not-connector', 'Not a connector issue', 'Outlook cannot open the content either, so the connector is not involved.');
const escalateNode = outcome('escalate', 'L.escalate', 'Open a support ticket', 'Open a support ticket for the Azure RMS connector.');

const sampleNodes: FlowNode[] = [registryNode, probeNode, enableNode, mode2Node, linkNode, resolvedNode, notConnectorNode, escalateNode];

/** A registry fix as the rules build it: backslashes, quotes, the admin's URLs. */
const registryFix = joinFix(fullRegistryFix(fullCtx));

function finding(i: number, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  return {
    id: `registry.sample-${i}`,
    severity,
    summary: `Finding ${i}: the LicenseServerRedirection value on this server does not match the tenant URL (*star* and $true in text)`,
    detail: `Expected ${TENANT} -> ${CONNECTOR}. ` + 'Evidence from the paste. '.repeat(8),
    seedStep: 'A4b',
    fix: registryFix,
    ...extra,
  };
}

const problemDiagnosis: Diagnosis = {
  detected: 'registry',
  status: 'problem',
  facts: {},
  findings: [
    finding(1, 'info', { fix: null, detail: undefined, seedStep: null }),
    finding(2, 'warning', { server: 'EX02', fix: joinFix(purgeAndToggleIrm()) }),
    finding(3, 'problem', { server: 'EX01', articleDiffers: 'The article omits EnterprisePublishing; the docs require it.' }),
  ],
  next: 'Apply the reg add lines on every Exchange server, purge the DRM cache, then re-test.',
};

const okDiagnosis: Diagnosis = { detected: 'irm-test', status: 'ok', facts: {}, findings: [], next: 'Test-IRMConfiguration passed; go on with the connector checks.' };

const wrongInputDiagnosis: Diagnosis = {
  detected: 'powershell-error',
  status: 'wrong_input',
  facts: {},
  findings: [
    { id: 'input.not-recognized', severity: 'warning', summary: "The term 'Get-IRMConfiguration' is not recognized: run it in the Exchange Management Shell.", seedStep: null, fix: null },
  ],
  next: 'Run the command in the Exchange Management Shell and paste its output.',
};

/** Long fixes: 120 reg add lines (about 25 KB) in one finding, plus a long detail. */
const longFix = Array.from({ length: 120 }, (_, i) => `reg add "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection" /v "${TENANT}/${i}" /t REG_SZ /d "${CONNECTOR}" /f`).join('\n');
const longFixDiagnosis: Diagnosis = {
  detected: 'registry',
  status: 'problem',
  facts: {},
  findings: [finding(1, 'problem', { fix: longFix, detail: 'Long evidence. '.repeat(600) }), finding(2, 'warning')],
  next: 'Fix the registry.',
};

const severities: Finding['severity'][] = ['info', 'warning', 'problem'];
const hugeDiagnosis: Diagnosis = {
  detected: 'connector-events',
  status: 'problem',
  facts: {},
  findings: Array.from({ length: 200 }, (_, i) => finding(i, severities[i % 3]!, { server: `RMSCON${i % 4}`, fix: `${registryFix}\n# finding ${i}\n${joinFix(purgeAndToggleIrm())}` })),
  next: 'Start with the problems on RMSCON0.',
};

function step(nodeId: string, seedStep: string, title: string, via: StepRecord['via'], extra: Partial<StepRecord> = {}): StepRecord {
  return { nodeId, seedStep, title, via, at: '2026-05-01T10:00:00.000Z', ...extra };
}

function caseState(extra: Partial<CaseState> = {}): CaseState {
  return {
    id: 'case-20260501-abc123',
    flowVersion: 1,
    branch: 'A',
    nodeId: 'A4b.registry',
    status: 'open',
    steps: [
      step('A1.outlook', 'A1', 'Can the user open it in Outlook?', 'answer', { answer: 'Yes, Outlook opens it' }),
      step('A3.test', 'A3', 'Run Test-IRMConfiguration', 'paste', { pasteKind: 'irm-test', pasteStatus: 'problem', findingIds: ['irmtest.fail'] }),
      step('A4.config', 'A4', 'Check the IRM configuration', 'facts', { pasteKind: 'irm-configuration', pasteStatus: 'problem' }),
      step('A4b.tenant', 'A4b', 'Find your Azure RMS tenant URL', 'skip'),
    ],
    pastes: [],
    context: fullCtx,
    findings: problemDiagnosis.findings,
    createdAt: '2026-05-01T09:58:12.000Z',
    updatedAt: '2026-05-01T10:04:40.000Z',
    ...extra,
  };
}

const bigState = caseState({
  steps: Array.from({ length: 100 }, (_, i) => step(`N${i}`, 'A5', `Step number ${i} with a reasonably long title`, i % 2 ? 'answer' : 'paste', { answer: 'No, still failing', pasteKind: 'connector-events', pasteStatus: 'problem' })),
  findings: hugeDiagnosis.findings,
});

const cards: Record<string, () => CardAttachment> = {
  welcome: () => welcomeCard(),
  'node: paste with skip and article note': () => nodeCard(registryNode, { caseId: 'case-1', ctx: fullCtx, branchSymptom: 'Users cannot use Exchange IRM features, like OWA', stepNo: 4 }),
  'node: paste without context': () => nodeCard(probeNode, { caseId: 'case-1', ctx: {}, branchSymptom: '' }),
  'node: yes/no question with a $true command': () => nodeCard(enableNode, { caseId: 'case-1', ctx: fullCtx, branchSymptom: 'The admin cannot enable the IRM integration in Exchange' }),
  'node: three-option question': () => nodeCard(mode2Node, { caseId: 'case-1', ctx: {}, branchSymptom: 'Users cannot use Exchange IRM features, like OWA', stepNo: 12 }),
  'node: link question': () => nodeCard(linkNode, { caseId: 'case-1', ctx: {}, branchSymptom: 'x' }),
  'node: outcome node': () => nodeCard(resolvedNode, { caseId: 'case-1', ctx: {}, branchSymptom: 'x' }),
  'diagnosis: problems in a case': () => diagnosisCard(problemDiagnosis, { caseId: 'case-1', matchedStep: true }),
  'diagnosis: ok, not the current step': () => diagnosisCard(okDiagnosis, { caseId: 'case-1', matchedStep: false }),
  'diagnosis: outside a case': () => diagnosisCard(wrongInputDiagnosis),
  'diagnosis: long fixes': () => diagnosisCard(longFixDiagnosis, { caseId: 'case-1' }),
  'diagnosis: 200 findings': () => diagnosisCard(hugeDiagnosis, { caseId: 'case-1', matchedStep: true }),
  'reprompt: paste node with diagnosis': () => repromptCard(registryNode, wrongInputDiagnosis.next, wrongInputDiagnosis, { caseId: 'case-1', ctx: fullCtx }),
  'reprompt: question, typed answer not understood': () => repromptCard(enableNode, 'Please answer with 1 (Yes, it works now) or 2 (No, still failing).'),
  'reprompt: question in a case': () => repromptCard(mode2Node, 'Please answer with 1, 2 or 3.', undefined, { caseId: 'case-1', ctx: {} }),
  'reprompt: no node': () => repromptCard(undefined, 'I could not recognise this text.', { ...wrongInputDiagnosis, detected: 'unknown', findings: [] }),
  'outcome: resolved': () => outcomeCard(resolvedNode, caseState({ status: 'resolved', nodeId: resolvedNode.id })),
  'outcome: not a connector issue': () => outcomeCard(notConnectorNode, caseState({ status: 'not-connector', nodeId: notConnectorNode.id, findings: [] })),
  'outcome: escalate': () => outcomeCard(escalateNode, caseState({ status: 'escalate', nodeId: escalateNode.id })),
  'outcome: escalate after collecting logs': () =>
    outcomeCard(escalateNode, caseState({ status: 'escalate', nodeId: escalateNode.id, steps: [step('L7.attach', 'L7', 'Attach the logs', 'answer', { answer: 'Done' })] })),
  'summary: in progress': () => summaryCard(caseState(), sampleNodes),
  'summary: new case, nothing yet': () => summaryCard(caseState({ branch: null, nodeId: null, steps: [], findings: [], context: {} }), sampleNodes),
  'summary: ended, with a title': () => summaryCard(caseState({ status: 'resolved', nodeId: resolvedNode.id }), sampleNodes, { title: 'Your previous case' }),
  'summary: cancelled': () => summaryCard(caseState({ status: 'cancelled' }), sampleNodes),
  'summary: 100 steps and 200 findings': () => summaryCard(bigState, sampleNodes),
};

/** The card's own buttons, without the "Escalate to the helpdesk" overflow action every in-case card has. */
function stepSubmits(a: CardAttachment): unknown[] {
  return submitData(a.content).filter((d) => !((d as { irm?: string }).irm === 'command' && (d as { command?: string }).command === 'escalate'));
}

function json(a: CardAttachment): string {
  return JSON.stringify(a.content);
}

function texts(a: CardAttachment): string {
  return objectsOf(a.content)
    .map((o) => [o.text, o.codeSnippet, o.title, o.value].filter((x) => typeof x === 'string').join('\n'))
    .join('\n');
}

// ---- every card, every check -----------------------------------------------------------------

describe('cards: every card is valid, small enough and sends only our actions', () => {
  for (const [name, make] of Object.entries(cards)) {
    describe(name, () => {
      const a = make();

      it('is an Adaptive Card 1.5 attachment', () => {
        assert.strictEqual(a.contentType, 'application/vnd.microsoft.card.adaptive');
        assert.strictEqual(a.content.type, 'AdaptiveCard');
        assert.strictEqual(a.content.version, '1.5');
        assert.strictEqual(a.content.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
      });

      it('parses and validates with the adaptivecards package', () => {
        assert.deepStrictEqual(adaptiveCardsErrors(a.content), []);
      });

      it('validates against the official schema 1.5 (plus Teams CodeBlock)', () => {
        assert.deepStrictEqual(schemaErrors(a.content), []);
      });

      it('serialises to less than 28 KB', () => {
        assert.ok(Buffer.byteLength(json(a), 'utf8') < MAX_BYTES, `${Buffer.byteLength(json(a), 'utf8')} bytes`);
      });

      it('has no unexpanded template expression', () => {
        assert.ok(!json(a).includes('${'), json(a).slice(json(a).indexOf('${') - 80, json(a).indexOf('${') + 80));
      });

      it('every Action.Submit sends exactly a payload parseCardAction accepts', () => {
        for (const data of submitData(a.content)) assert.deepStrictEqual(parseCardAction(data), data);
      });

      it('wraps all text and marks code as PowerShell', () => {
        for (const t of elementsOfType(a.content, 'TextBlock')) assert.strictEqual(t.wrap, true, String(t.text));
        for (const c of elementsOfType(a.content, 'CodeBlock')) assert.strictEqual(c.language, 'PowerShell');
      });
    });
  }
});

describe('cards: the validators are taught CodeBlock, and only CodeBlock', () => {
  const card = nodeCard(registryNode, { caseId: 'c', ctx: fullCtx, branchSymptom: 's' }).content;

  it('the stock adaptivecards package reports CodeBlock as an unknown element type, nothing else', () => {
    const events = adaptiveCardsEventsUntaught(card);
    assert.strictEqual(events.length, elementsOfType(card, 'CodeBlock').length);
    for (const e of events) {
      assert.strictEqual(e.event, 'UnknownElementType');
      assert.match(e.message, /Unknown element type "CodeBlock"/);
    }
  });

  it('other unknown elements, bad CodeBlock languages and empty code are still errors', () => {
    const base = { type: 'AdaptiveCard', version: '1.5', body: [] as object[] };
    assert.ok(adaptiveCardsErrors({ ...base, body: [{ type: 'Bogus', text: 'x' }] }).some((e) => /UnknownElementType/.test(e)));
    assert.ok(adaptiveCardsErrors({ ...base, body: [{ type: 'CodeBlock', codeSnippet: 'x', language: 'Klingon' }] }).some((e) => /unknown language/.test(e)));
    assert.ok(adaptiveCardsErrors({ ...base, body: [{ type: 'CodeBlock', codeSnippet: '' }] }).some((e) => /codeSnippet/.test(e)));
    assert.deepStrictEqual(adaptiveCardsErrors({ ...base, body: [{ type: 'CodeBlock', codeSnippet: 'x', language: 'PowerShell', startLineNumber: 1 }] }), []);
  });

  it('the schema check rejects unknown elements and malformed CodeBlocks', () => {
    const base = { type: 'AdaptiveCard', version: '1.5' };
    assert.notDeepStrictEqual(schemaErrors({ ...base, body: [{ type: 'Bogus', text: 'x' }] }), []);
    assert.notDeepStrictEqual(schemaErrors({ ...base, body: [{ type: 'CodeBlock', language: 'PowerShell' }] }), []);
    assert.notDeepStrictEqual(schemaErrors({ ...base, body: [{ type: 'CodeBlock', codeSnippet: 'x', language: 'Klingon' }] }), []);
    assert.notDeepStrictEqual(schemaErrors({ ...base, body: [{ type: 'CodeBlock', codeSnippet: 'x', colour: 'red' }] }), []);
    assert.notDeepStrictEqual(schemaErrors({ ...base, msteams: { width: 'Half' }, body: [] }), []);
    assert.deepStrictEqual(schemaErrors({ ...base, msteams: { width: 'Full' }, body: [{ type: 'CodeBlock', codeSnippet: 'x', language: 'PowerShell', startLineNumber: 3 }] }), []);
    assert.ok(SCHEMA_PATH.startsWith(repoRoot), 'the schema is read from inside the repository');
  });
});

// ---- what each card says -----------------------------------------------------------------------

function codeBlocks(a: CardAttachment): string[] {
  return elementsOfType(a.content, 'CodeBlock').map((c) => String(c.codeSnippet));
}

describe('escalating from any card of a case', () => {
  it('node, in-case diagnosis, re-prompt and open-case summary cards offer it in the overflow menu; cards outside a case do not', () => {
    const escalateActions = (a: CardAttachment): Record<string, unknown>[] =>
      objectsOf(a.content).filter((o) => o.type === 'Action.Submit' && (o.data as { command?: string } | undefined)?.command === 'escalate');
    for (const a of [
      nodeCard(enableNode, { caseId: 'case-1', ctx: fullCtx, branchSymptom: 'B' }),
      diagnosisCard(diagnose(fixture('bot', 'irmconfig-licensing-off.txt')), { caseId: 'case-1' }),
      repromptCard(enableNode, 'Please answer', undefined, { caseId: 'case-1' }),
      summaryCard(caseState(), sampleNodes),
    ]) {
      const found = escalateActions(a);
      assert.strictEqual(found.length, 1);
      assert.strictEqual(found[0]!.mode, 'secondary');
    }
    assert.strictEqual(escalateActions(diagnosisCard(diagnose(fixture('bot', 'irmconfig-licensing-off.txt')))).length, 0);
    assert.strictEqual(escalateActions(welcomeCard()).length, 0);
  });
});

describe('welcomeCard', () => {
  it('offers the two symptoms as branch buttons and lists the commands', () => {
    const a = welcomeCard();
    assert.deepStrictEqual(
      objectsOf(a.content).filter((o) => o.type === 'Action.Submit').map((o) => [o.title, o.data]),
      [
        ['Users cannot use Exchange IRM features, like OWA', { irm: 'branch', branch: 'A' }],
        ['The admin cannot enable the IRM integration in Exchange', { irm: 'branch', branch: 'B' }],
      ],
    );
    const t = texts(a);
    for (const cmd of ['start', 'help', 'summary', 'restart', 'cancel']) assert.match(t, new RegExp(`\\b${cmd}\\b`));
    assert.match(t, /[Pp]aste command output at any time/);
  });
});

describe('nodeCard', () => {
  it('a paste node shows the command with the tenant URL and registry version from the case', () => {
    const a = nodeCard(registryNode, { caseId: 'case-1', ctx: fullCtx, branchSymptom: 'Users cannot use Exchange IRM features, like OWA', stepNo: 4 });
    assert.deepStrictEqual(codeBlocks(a), [
      'reg query "HKLM\\SOFTWARE\\Microsoft\\MSDRM\\ServiceLocation" /s\n' +
        `reg query "HKLM\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\IRM\\LicenseServerRedirection" /v "${TENANT}"`,
    ]);
    const t = texts(a);
    assert.match(t, /Step A4b: Check the registry on each Exchange server/);
    assert.match(t, /Why: Exchange reads/);
    assert.match(t, /Where the article differs/);
    assert.match(t, /Run this on EACH Exchange server that talks to the connector, in an elevated command prompt:/);
    assert.match(t, /Then paste back the output of both commands; for several servers, paste one server per message\./);
    assert.match(t, /step 4 of this case/);
    assert.deepStrictEqual(stepSubmits(a), [
      { irm: 'skip', caseId: 'case-1', nodeId: 'A4b.registry' },
      { irm: 'command', command: 'summary' },
    ]);
    const warning = objectsOf(a.content).find((o) => o.type === 'Container' && o.style === 'warning');
    assert.ok(warning, 'the article note is styled as a warning');
  });

  it('without known values it shows readable placeholders, and no skip button when the step has none', () => {
    const a = nodeCard(probeNode, { caseId: 'case-1', ctx: {}, branchSymptom: '' });
    assert.deepStrictEqual(codeBlocks(a), ['Invoke-WebRequest -Uri "https://<connector-fqdn>/_wmcs/licensing" -UseDefaultCredentials -UseBasicParsing']);
    assert.deepStrictEqual(stepSubmits(a), [{ irm: 'command', command: 'summary' }]);
    assert.ok(!texts(a).includes('{{'));
    assert.match(texts(a), /Then paste back the whole output, including any error\./, 'no doubled full stop');
    const tenantOnly = nodeCard(registryNode, { caseId: 'c', ctx: {}, branchSymptom: '' });
    assert.ok(codeBlocks(tenantOnly)[0]!.includes(`/v "${TENANT_PLACEHOLDER}"`));
  });

  it('a question has one answer button per option, the $true command from data, and the typing hint', () => {
    const a = nodeCard(enableNode, { caseId: 'case-1', ctx: fullCtx, branchSymptom: 'B' });
    assert.deepStrictEqual(codeBlocks(a), ['Set-IRMConfiguration -InternalLicensingEnabled $true -Force\nTest-IRMConfiguration -Sender admin@contoso.com']);
    assert.deepStrictEqual(stepSubmits(a), [
      { irm: 'answer', caseId: 'case-1', nodeId: 'A3.enable-irm', optionId: 'yes' },
      { irm: 'answer', caseId: 'case-1', nodeId: 'A3.enable-irm', optionId: 'no' },
      { irm: 'command', command: 'summary' },
      // A fix step offers "Remind me…": three presets and a custom number of minutes.
      { irm: 'remind', caseId: 'case-1', nodeId: 'A3.enable-irm', preset: '15m' },
      { irm: 'remind', caseId: 'case-1', nodeId: 'A3.enable-irm', preset: '1h' },
      { irm: 'remind', caseId: 'case-1', nodeId: 'A3.enable-irm', preset: 'tomorrow-morning' },
      { irm: 'remind', caseId: 'case-1', nodeId: 'A3.enable-irm', preset: 'custom' },
    ]);
    const t = texts(a);
    assert.match(t, /After turning it on, does Test-IRMConfiguration pass\?/);
    assert.match(t, /type its number \(1-2\) or yes \/ no/);
  });

  it('a fix that needs time offers its own follow-up first', () => {
    const node = { ...enableNode, followUp: { minutes: 30, why: 'The purge takes effect slowly.' } };
    const a = nodeCard(node, { caseId: 'case-1', ctx: fullCtx, branchSymptom: 'B' });
    assert.deepStrictEqual(submitData(a.content)[2], { irm: 'remind', caseId: 'case-1', nodeId: 'A3.enable-irm', preset: 'custom', minutes: 30 });
    assert.match(texts(a), /This fix needs time: The purge takes effect slowly\./);
  });

  it('the typing hint offers yes / no only when the options are a yes and a no', () => {
    const t = texts(nodeCard(mode2Node, { caseId: 'c', ctx: {}, branchSymptom: '' }));
    assert.match(t, /type its number \(1-3\)\./);
    assert.ok(!/yes \/ no/.test(t));
    assert.match(texts(nodeCard(linkNode, { caseId: 'c', ctx: {}, branchSymptom: '' })), /Open this link:/);
  });
});

describe('diagnosisCard', () => {
  it('shows the kind, the status, and each finding problem-first with colour, place, note and fix', () => {
    const a = diagnosisCard(problemDiagnosis, { caseId: 'case-1', matchedStep: true });
    const t = texts(a);
    assert.match(t, /I read this as: registry settings/);
    assert.match(t, /Problems found: 1 problem, 1 warning/);
    assert.match(t, /This answers the current step\./);
    const labels = elementsOfType(a.content, 'TextBlock').filter((b) => ['PROBLEM', 'WARNING', 'INFO'].includes(String(b.text)));
    assert.deepStrictEqual(labels.map((b) => [b.text, b.color]), [['PROBLEM', 'attention'], ['WARNING', 'warning'], ['INFO', 'default']]);
    assert.match(t, /Server EX01 · article step A4b/);
    assert.match(t, /Where the article differs/);
    // Fixes arrive exactly as the rules wrote them: backslashes, quotes, $false, the admin's URLs.
    assert.deepStrictEqual(codeBlocks(a), [registryFix, joinFix(purgeAndToggleIrm())]);
    assert.ok(registryFix.includes('\\IRM\\LicenseServerRedirection" /v "https://'));
    assert.match(t, /\*\*Next:\*\* Apply the reg add lines/);
    assert.deepStrictEqual(stepSubmits(a), [{ irm: 'command', command: 'summary' }]);
  });

  it('a fix shared by several findings is shown once', () => {
    const d: Diagnosis = { ...problemDiagnosis, findings: [finding(1, 'problem', { server: 'EX01' }), finding(2, 'problem', { server: 'EX02' })] };
    const a = diagnosisCard(d);
    assert.deepStrictEqual(codeBlocks(a), [registryFix]);
    assert.match(texts(a), /Fix: the same commands as shown above\./);
  });

  it('outside a case it has no buttons; a paste for another step says it was kept', () => {
    assert.deepStrictEqual(submitData(diagnosisCard(wrongInputDiagnosis).content), []);
    assert.strictEqual(diagnosisCard(wrongInputDiagnosis).content.actions, undefined);
    assert.match(texts(diagnosisCard(okDiagnosis, { caseId: 'c', matchedStep: false })), /isn't the output the current step asks for/);
    assert.match(texts(diagnosisCard(okDiagnosis)), /Nothing wrong found/);
  });

  it('text from the data is inserted verbatim, even template syntax', () => {
    const sneaky: Diagnosis = { ...okDiagnosis, status: 'problem', findings: [finding(1, 'problem', { summary: 'Uses ${env:ProgramData} and $(Get-Date)', fix: 'Remove-Item "${env:ProgramData}\\Microsoft\\DRM\\*" -Recurse' })] };
    const a = diagnosisCard(sneaky);
    assert.deepStrictEqual(codeBlocks(a), ['Remove-Item "${env:ProgramData}\\Microsoft\\DRM\\*" -Recurse']);
    assert.match(texts(a), /Uses \$\{env:ProgramData\} and \$\(Get-Date\)/);
  });

  it('200 findings: the most severe are shown, the rest counted, and the card stays under 28 KB', () => {
    const a = diagnosisCard(hugeDiagnosis, { caseId: 'case-1' });
    assert.ok(Buffer.byteLength(json(a)) < MAX_BYTES);
    assert.match(texts(a), new RegExp(`of 200 findings; ${200 - MAX_FINDINGS_ON_CARD} more not shown`));
    const labels = elementsOfType(a.content, 'TextBlock').filter((b) => ['PROBLEM', 'WARNING', 'INFO'].includes(String(b.text)));
    assert.ok(labels.length > 0 && labels.every((b) => b.text === 'PROBLEM'), 'problems first');
  });

  it('a card too big for Teams is shortened and says so; a cut fix keeps whole lines', () => {
    const a = diagnosisCard(longFixDiagnosis, { caseId: 'case-1' });
    assert.ok(Buffer.byteLength(json(a)) < MAX_BYTES);
    assert.match(texts(a), /Shortened to fit the Teams message size limit/);
    const [code] = codeBlocks(a);
    const lines = code!.split('\n');
    assert.match(lines[lines.length - 1]!, /^# … shortened: \d+ more lines not shown$/);
    for (const l of lines.slice(0, -1)) assert.ok(longFix.split('\n').includes(l), `whole original line: ${l}`);
  });
});

describe('repromptCard', () => {
  it('says why, what it read, and shows the step command again with its buttons', () => {
    const a = repromptCard(registryNode, wrongInputDiagnosis.next, wrongInputDiagnosis, { caseId: 'case-1', ctx: fullCtx });
    const t = texts(a);
    assert.match(t, /I could not use that output/);
    assert.match(t, /I read it as: PowerShell error \(not the output this troubleshooting needs\)/);
    assert.match(t, /Run the command in the Exchange Management Shell/);
    assert.match(t, /is not recognized/);
    assert.match(t, /Please run this on EACH Exchange server/);
    assert.ok(codeBlocks(a)[0]!.includes(`/v "${TENANT}"`));
    assert.deepStrictEqual(stepSubmits(a), [
      { irm: 'skip', caseId: 'case-1', nodeId: 'A4b.registry' },
      { irm: 'command', command: 'summary' },
    ]);
  });

  it('as called without a case id it still shows the command, with placeholders, and no buttons', () => {
    const a = repromptCard(registryNode, 'Empty paste.');
    assert.ok(codeBlocks(a)[0]!.includes(TENANT_PLACEHOLDER));
    assert.deepStrictEqual(submitData(a.content), []);
    const q = texts(repromptCard(enableNode, 'Please answer with 1 or 2.'));
    assert.match(q, /I didn't catch that answer/);
    assert.match(q, /Please type its number \(1-2\) or yes \/ no/);
  });

  it('a question re-prompt in a case offers the answer buttons again', () => {
    const a = repromptCard(enableNode, 'Please answer with 1 or 2.', undefined, { caseId: 'case-1', ctx: fullCtx });
    assert.deepStrictEqual(stepSubmits(a), [
      { irm: 'answer', caseId: 'case-1', nodeId: 'A3.enable-irm', optionId: 'yes' },
      { irm: 'answer', caseId: 'case-1', nodeId: 'A3.enable-irm', optionId: 'no' },
      { irm: 'command', command: 'summary' },
    ]);
    assert.match(texts(a), /Click an answer, or type its number/);
  });
});

describe('outcomeCard', () => {
  it('resolved: says so, with a recap of steps and findings', () => {
    const t = texts(outcomeCard(resolvedNode, caseState({ status: 'resolved' })));
    assert.match(t, /Resolved/);
    assert.match(t, /Turning IRM on fixed it/);
    assert.match(t, /4 \(1 answer, 1 paste, 1 from earlier pastes, 1 skipped\)/);
    assert.match(t, /1 problem, 1 warning/);
  });

  it('not a connector issue: points to Office or Microsoft RMS support', () => {
    const t = texts(outcomeCard(notConnectorNode, caseState({ status: 'not-connector', findings: [] })));
    assert.match(t, /Office support/);
    assert.match(t, /Microsoft RMS \/ Azure Information Protection support/);
  });

  it('escalate: collect RMS Analyzer and connector traces, then escalate', () => {
    const a = outcomeCard(escalateNode, caseState({ status: 'escalate' }));
    const t = texts(a);
    assert.match(t, /Collect the logs, then escalate/);
    assert.match(t, /RMS Analyzer/);
    assert.match(t, /connector trace/);
    assert.deepStrictEqual(submitData(a.content), [
      { irm: 'command', command: 'escalate' },
      { irm: 'command', command: 'summary' },
      { irm: 'command', command: 'start' },
    ]);
    const after = texts(outcomeCard(escalateNode, caseState({ status: 'escalate', steps: [step('L7.attach', 'L7', 'Attach the logs', 'answer', { answer: 'Done' })] })));
    assert.match(after, /Attach the logs you collected/);
  });
});

describe('summaryCard', () => {
  it('lists steps with answers, facts learned, findings problem-first, fixes and what is left', () => {
    const a = summaryCard(caseState(), sampleNodes);
    const t = texts(a);
    assert.match(t, /Case summary/);
    assert.match(t, /In progress/);
    assert.match(t, /Can the user open it in Outlook\?: answered "Yes, Outlook opens it"/);
    assert.match(t, /Run Test-IRMConfiguration: pasted Test-IRMConfiguration output \(problems found\)/);
    assert.match(t, /answered by an earlier paste \(Get-IRMConfiguration output\)/);
    assert.match(t, /Find your Azure RMS tenant URL: skipped/);
    assert.ok(t.includes(TENANT) && t.includes(CONNECTOR));
    assert.match(t, /Exchange Server 2016 CU23 \(registry key v15\)/);
    assert.match(t, /No \(InternalLicensingEnabled False\)/);
    assert.match(t, /Step A4b: Check the registry on each Exchange server\. Next: run the command and paste the output/);
    const findings = elementsOfType(a.content, 'TextBlock').filter((b) => /^\*\*(PROBLEM|WARNING|INFO)\*\*/.test(String(b.text)));
    assert.deepStrictEqual(findings.map((b) => b.color), ['attention', 'warning', 'default']);
    assert.deepStrictEqual(codeBlocks(a), [registryFix, joinFix(purgeAndToggleIrm())]);
  });

  it('a new case says nothing is known yet; an ended one names its outcome and takes a title', () => {
    assert.match(texts(summaryCard(caseState({ branch: null, nodeId: null, steps: [], findings: [], context: {} }), sampleNodes)), /Choose the symptom to begin/);
    const ended = texts(summaryCard(caseState({ status: 'resolved', nodeId: resolvedNode.id }), sampleNodes, { title: 'Your previous case' }));
    assert.match(ended, /Your previous case/);
    assert.match(ended, /the case ended with "Resolved: IRM turned on"/);
  });

  it('a long case is capped and still fits', () => {
    const a = summaryCard(bigState, sampleNodes);
    assert.ok(Buffer.byteLength(json(a)) < MAX_BYTES);
    assert.match(texts(a), /The 60 earliest steps are not shown/);
  });
});

describe('cards: every node of the real flow renders to a valid card', () => {
  for (const node of FLOW.nodes) {
    it(`${node.id}`, () => {
      const state = caseState({ nodeId: node.id, status: node.type === 'outcome' ? node.outcome : 'open' });
      const a = node.type === 'outcome' ? outcomeCard(node, state) : nodeCard(node, { caseId: state.id, ctx: fullCtx, branchSymptom: 'x', stepNo: 2 });
      assert.deepStrictEqual(adaptiveCardsErrors(a.content), []);
      assert.deepStrictEqual(schemaErrors(a.content), []);
      assert.ok(Buffer.byteLength(json(a)) < MAX_BYTES);
      assert.ok(!json(a).includes('${') && !json(a).includes('{{'));
      for (const data of submitData(a.content)) assert.deepStrictEqual(parseCardAction(data), data);
    });
  }
});

describe('cards: real diagnoses of the test fixtures render to valid cards', () => {
  for (const kind of ['irm-configuration', 'irm-test', 'connector-events']) {
    const names = fixtureNames(kind);
    for (const name of names) {
      it(`${kind}/${name}`, () => {
        const a = diagnosisCard(diagnose(fixture(kind, name), fullCtx), { caseId: 'case-1', matchedStep: true });
        assert.deepStrictEqual(adaptiveCardsErrors(a.content), []);
        assert.deepStrictEqual(schemaErrors(a.content), []);
        assert.ok(Buffer.byteLength(json(a)) < MAX_BYTES);
      });
    }
  }
});

describe('renderCard', () => {
  it('a template field missing from the view data is an error, not a literal ${field} on the card', () => {
    assert.throws(() => renderCard('node', { title: 'x' }), CardTemplateError);
  });
});

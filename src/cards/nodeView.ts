// View data for a flow step (templates/node.json) and for the re-prompt after unusable input
// (templates/reprompt.json). Both show the step's command the same way, filled with what the
// case knows.
import type { FlowNode, Option, PasteNode, QuestionNode } from '../engine/flow/flowTypes';
// The option matcher's own yes/no test, so the hint never promises a typed "yes" it would not accept.
import { isNoOption, isYesOption } from '../engine/flow/optionMatcher';
import type { CaseContext, Diagnosis, PasteKind } from '../engine/types';
import { kindName } from '../engine/report';
import { codeText } from './codeText';
import { fillPlaceholders } from './fillPlaceholders';
import { flowText, markdownText } from './markdownText';
import type { RemindPreset } from './cardActions';
import { SUMMARY_ACTION, bySeverity, phrase, severityColor, statusWords, submit, type ActionView, type TextColor } from './viewText';

/** What the "how to act on this step" part of a card shows. Empty strings hide a part. */
interface StepParts {
  commandIntro: string;
  command: string;
  pasteBack: string;
  question: string;
  hint: string;
}

export interface RemindView {
  show: boolean;
  prompt: string;
  presets: ActionView[];
}

export interface NodeView extends StepParts {
  context: string;
  title: string;
  why: string;
  articleDiffers: string;
  actions: ActionView[];
  remind: RemindView;
}

export interface RepromptView extends StepParts {
  title: string;
  readAs: string;
  reason: string;
  notes: { text: string; color: TextColor }[];
  actions: ActionView[];
}

const NO_PARTS: StepParts = { commandIntro: '', command: '', pasteBack: '', question: '', hint: '' };

function answerHint(options: Option[], buttons: boolean): string {
  const numbers = options.length === 1 ? 'type 1' : `type its number (1-${options.length})`;
  const yesNo = options.some(isYesOption) && options.some(isNoOption) ? ' or yes / no' : '';
  return `${buttons ? 'Click an answer, or ' : 'Please '}${numbers}${yesNo}. You can paste command output at any time.`;
}

/**
 * Outputs that can outgrow a Teams message. A client drops a message past its size limit before the
 * bot sees it, with no word to the user (a 200 KB event log just vanished), so these steps say up
 * front how to send a long output: as a file in 1:1 chat (read up to 5 MB), or filtered.
 */
const LONG_OUTPUT: Partial<Record<PasteKind, string>> = {
  'connector-events': 'Long output? Teams drops a message over about 28 KB without a word: upload the output as a .txt file here in our 1:1 chat (up to 5 MB), or lower -MaxEvents (e.g. -MaxEvents 20).',
  'certificate-check': 'Long output? Teams drops a message over about 28 KB without a word: upload the output as a .txt file here in our 1:1 chat (up to 5 MB).',
  registry: 'Long output? Teams drops a message over about 28 KB without a word: paste one server per message, or upload the output as a .txt or .reg file here in our 1:1 chat (up to 5 MB).',
};

export function longOutputHint(node: PasteNode): string {
  return node.expects.map((k) => LONG_OUTPUT[k]).find((h) => h !== undefined) ?? '';
}

function pasteParts(node: PasteNode, ctx: CaseContext): StepParts {
  return {
    commandIntro: `Run this ${flowText(phrase(node.runOn))}:`,
    command: codeText(fillPlaceholders(node.command, ctx)),
    pasteBack: `Then paste back ${flowText(phrase(node.pasteBack))}.`,
    question: '',
    hint: [longOutputHint(node), node.skip ? "If you can't run it, choose Skip this step." : ''].filter(Boolean).join(' '),
  };
}

function questionParts(node: QuestionNode, ctx: CaseContext, buttons: boolean): StepParts {
  const command = node.command ? fillPlaceholders(node.command, ctx) : '';
  // Some steps give a download link rather than a command.
  const isLink = /^https?:\/\/\S+$/.test(command.trim());
  return {
    commandIntro: command ? (isLink ? 'Open this link:' : 'Run this first:') : '',
    command: codeText(command),
    pasteBack: '',
    question: flowText(node.question),
    hint: answerHint(node.options, buttons),
  };
}

function stepActions(node: FlowNode, caseId: string): ActionView[] {
  if (node.type === 'question') {
    return node.options.map((o) => submit(o.label, { irm: 'answer', caseId, nodeId: node.id, optionId: o.id }));
  }
  if (node.type === 'paste' && node.skip) return [submit('Skip this step', { irm: 'skip', caseId, nodeId: node.id })];
  return [];
}

function partsOf(node: FlowNode, ctx: CaseContext, buttons: boolean): StepParts {
  if (node.type === 'paste') return pasteParts(node, ctx);
  if (node.type === 'question') return questionParts(node, ctx, buttons);
  return NO_PARTS;
}

const NO_REMIND: RemindView = { show: false, prompt: '', presets: [] };

/**
 * Fix steps ("apply this, then: did it work?") offer a reminder; a fix that needs time before it
 * can be checked offers its own follow-up as a first-class button.
 */
function remindParts(node: FlowNode, caseId: string): { remind: RemindView; followUp: ActionView[] } {
  if (node.type !== 'question' || (!node.command && !node.followUp)) return { remind: NO_REMIND, followUp: [] };
  const at = (preset: RemindPreset, title: string): ActionView => submit(title, { irm: 'remind', caseId, nodeId: node.id, preset });
  const remind: RemindView = {
    show: true,
    prompt: 'When should I ask you whether the fix worked?',
    presets: [at('15m', 'In 15 minutes'), at('1h', 'In 1 hour'), at('tomorrow-morning', 'Tomorrow morning'), at('custom', 'Custom')],
  };
  const f = node.followUp;
  const followUp = f ? [submit(`Remind me in ${f.minutes} minutes`, { irm: 'remind', caseId, nodeId: node.id, preset: 'custom', minutes: f.minutes }, 'positive')] : [];
  return { remind, followUp };
}

export function nodeView(node: FlowNode, opts: { caseId: string; ctx: CaseContext; branchSymptom: string; stepNo?: number }): NodeView {
  const context = [opts.branchSymptom, opts.stepNo ? `step ${opts.stepNo} of this case` : ''].filter(Boolean).join(' · ') || 'IRM Doctor';
  const { remind, followUp } = remindParts(node, opts.caseId);
  const parts = partsOf(node, opts.ctx, true);
  if (node.type === 'question' && node.followUp) {
    parts.hint = `${parts.hint} This fix needs time: ${flowText(node.followUp.why)} I can remind you to check.`;
  }
  return {
    context: markdownText(context),
    title: flowText(`Step ${node.seedStep}: ${node.title}`),
    // An outcome node has no command: its message is what there is to say.
    why: flowText(node.type === 'outcome' ? node.message : `Why: ${node.why}`),
    articleDiffers: flowText(node.articleDiffers ?? ''),
    ...parts,
    actions: [...stepActions(node, opts.caseId), ...followUp, SUMMARY_ACTION],
    remind,
  };
}

/** Input findings shown on a re-prompt (e.g. "Format-Table output: run it with | fl"). */
const MAX_REPROMPT_NOTES = 3;

export function repromptView(node: FlowNode | undefined, reason: string, d: Diagnosis | undefined, opts: { caseId?: string; ctx?: CaseContext }): RepromptView {
  const ctx = opts.ctx ?? {};
  const title = d || node?.type === 'paste' ? 'I could not use that output' : "I didn't catch that answer";
  const readAs = d ? markdownText(`I read it as: ${kindName(d.detected)} (${statusWords(d.status).toLowerCase()}).`) : '';
  const notes = d ? bySeverity(d.findings).slice(0, MAX_REPROMPT_NOTES).map((f) => ({ text: flowText(f.summary), color: severityColor(f.severity) })) : [];
  let parts: StepParts = node ? partsOf(node, ctx, !!opts.caseId) : { ...NO_PARTS, hint: 'Type help to see which outputs I can read.' };
  if (node?.type === 'paste') parts = { ...parts, commandIntro: `Please run this ${flowText(phrase(node.runOn))}:` };
  // Buttons need the case id to be checked against the case when clicked.
  const actions = opts.caseId ? [...(node ? stepActions(node, opts.caseId) : []), SUMMARY_ACTION] : [];
  return { title, readAs, reason: flowText(reason), notes, ...parts, actions };
}

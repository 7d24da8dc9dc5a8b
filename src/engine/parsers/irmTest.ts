// Reads Test-IRMConfiguration output (facts.md §b): `Results : ` then task lines, each followed by
// `- PASS:/FAIL:/WARNING: msg`, optional exception blocks between lines of 40 dashes, and (usually)
// `OVERALL RESULT: X`. Pastes arrive with 0/1/10/14-space indentation, mid-word wrapping and no OVERALL
// line, so we key on structure, never on column positions, and never read unknown wording as PASS.
import { ASK_MAILBOX } from '../fixes';
import { realValue } from '../placeholders';
import type { Finding, ParseOutcome } from '../types';

export type IrmTestResult = 'PASS' | 'FAIL' | 'WARNING';

export interface IrmTestStep {
  task: string;
  result: IrmTestResult;
  message: string;
}

export interface IrmTestFacts {
  steps: IrmTestStep[];
  /** As printed, or derived from the steps when the line is missing (FAIL/WARNING only: never PASS). */
  overall: IrmTestResult | null;
  overallPrinted: boolean;
  /** URIs as printed, i.e. after Exchange applied the registry redirection. */
  certificationUri: string | null;
  publishingUri: string | null;
  licensingUris: string[];
  /** Text between the dash lines (the .NET exception), if any. */
  exception: string | null;
  /** Index in `steps` of the step the exception belongs to. */
  exceptionStep: number | null;
  environment: 'on-premises' | 'exchange-online' | 'unknown';
  /** Exchange Online's legacy `-RMSOnline` test. */
  rmsOnline: boolean;
  /** PowerShell asked for the mandatory -Sender. */
  senderPrompt: boolean;
  sender: string | null;
  /** Recipients named in the prelicense steps (on-prem defaults to the sender). */
  recipients: string[];
  /** Result lines in wording we do not know (a localised session?). */
  unrecognized: string[];
}

interface Part {
  text: string;
  /** Width the line had on the console, assuming the standard 10/14-space indentation. */
  width: number;
  /** Leading spaces as pasted. */
  indent: number;
}

/** What the whole paste says about its wrapping. */
interface Layout {
  /** Indentation of task/continuation lines (10 raw, 1 in Microsoft's docs, 0 when stripped); -1 unknown. */
  baseIndent: number;
  /** Widest line, in the same units as Part.width. */
  consoleWidth: number;
  /** At least two lines reach that width: evidence the console wrapped lines. */
  wrapped: boolean;
}

const MAX_LINE = 5000;
const MAX_STEPS = 1000;
const DETECT_WINDOW = 256 * 1024;
const RESULT = /^-\s{0,4}(PASS|FAIL|WARNING)\s{0,2}:\s{0,4}(.*)$/i;
const OTHER_RESULT = /^-\s{0,4}(\p{L}{2,24})\s{0,2}:\s{0,4}(.*)$/u;
const OVERALL = /^OVERALL\s{1,3}RESULT\s{0,2}:\s{0,4}(\S{0,40})/i;
const DASHES = /^-{20,}$/;
const TASK_START = /^(Checking|Loading|Retrieving|Verifying|Acquiring|Creating)\s/i;
const ON_PREM_TASK = /^(Checking Exchange Server|Loading IRM configuration|Retrieving RMS|Verifying RMS version|Acquiring Rights Account|Creating Publishing License|Acquiring Prelicense|Acquiring Use License)/i;
const EXO_TASK = /^(Verifying encryption|Verifying decryption|Verifying IRM is enabled|Checking organization context|Checking RMS Online)/i;
const KNOWN_TASKS = ['Checking Exchange Server', 'Loading IRM configuration', 'Retrieving RMS Certification Uri', 'Verifying RMS version',
  'Acquiring RMS Templates', 'Acquiring Use License', 'Verifying encryption', 'Checking organization context'];

const endsWithEllipsis = (s: string): boolean => /(\.\.\.|…)\)?$/.test(s);

export function detectIrmTest(text: string): number {
  const head = text.slice(0, DETECT_WINDOW);
  if (/cmdlet Test-IRMConfiguration at command pipeline position/i.test(head)) return 0.95;
  let results = 0;
  let others = 0;
  let overall = false;
  let prefix = false;
  for (const raw of head.split('\n')) {
    if (raw.length > MAX_LINE) continue;
    const line = cleanLine(raw);
    if (line.charCodeAt(0) === 45) {
      if (RESULT.test(line)) results++;
      else if (OTHER_RESULT.test(line)) others++;
    } else if (OVERALL.test(line)) overall = true;
    if (/^\s{0,4}Results\s{0,4}:\s/.test(raw)) prefix = true;
  }
  const known = KNOWN_TASKS.some((t) => head.indexOf(t) !== -1);
  let score = (overall ? 0.5 : 0) + (results >= 1 ? 0.3 : 0) + (results >= 2 ? 0.2 : 0) + (known ? 0.3 : 0) + (prefix && results > 0 ? 0.2 : 0);
  // A task list that started to print, or one in words we do not know (a localised shell): ours, but unreadable.
  if (score < 0.5 && prefix && (known || others > 0)) score = 0.5;
  return Math.min(1, score);
}

/** Trims, drops a Markdown blockquote marker and `\-` escapes (how Microsoft's docs render the sample). */
function cleanLine(raw: string): string {
  let line = raw.trim();
  if (line.startsWith('>')) line = line.replace(/^(>\s?){1,3}/, '').trim();
  if (line.startsWith('\\-')) line = line.slice(1);
  return line;
}

/** True when a wrapped line `cur` continues `prev` with no space between (a mid-word or mid-URL break). */
function glue(prev: Part, cur: Part, prevFull: boolean, layout: Layout): boolean {
  // One space more than the usual indentation: the break fell just before a space.
  if (layout.baseIndent >= 0 && cur.indent > layout.baseIndent) return false;
  if (!prevFull) return false;
  const lastToken = prev.text.slice(prev.text.lastIndexOf(' ') + 1);
  const midWord = /[A-Za-z0-9]$/.test(prev.text) && /^[a-z0-9]/.test(cur.text);
  const urlish = lastToken.indexOf('://') !== -1 || /^\(?https?:\/?$/i.test(lastToken);
  const inUrl = urlish && !/[.,;]$/.test(lastToken) && /^[^\s"']/.test(cur.text) && !/^[A-Z][a-z]/.test(cur.text);
  return midWord || inUrl || /^\/[^\s]/.test(cur.text);
}

/**
 * Joins the console-wrapped lines of one message or task. The console wraps by character count, often
 * mid-word, and the space at a break is trimmed. Glue (no space) only when the previous line was full
 * width and the break is inside a word or a URL; a shorter line ended at a space.
 */
function joinWrapped(parts: Part[], layout: Layout): string {
  if (parts.length === 0) return '';
  let maxW = 0;
  for (let i = 0; i < parts.length - 1; i++) maxW = Math.max(maxW, parts[i]!.width);
  let out = parts[0]!.text;
  for (let i = 1; i < parts.length && out.length < 20000; i++) {
    const prev = parts[i - 1]!;
    out += glue(prev, parts[i]!, prev.width >= maxW - 1, layout) ? parts[i]!.text : ` ${parts[i]!.text}`;
  }
  return out;
}

/** Exception text keeps its own line breaks (stack frames); only lines the console wrapped are re-joined. */
function joinException(parts: Part[], layout: Layout): string {
  let out = parts[0]?.text ?? '';
  for (let i = 1; i < parts.length && out.length < 8000; i++) {
    const prev = parts[i - 1]!;
    const full = layout.wrapped && prev.width >= layout.consoleWidth - 1;
    out += full ? (glue(prev, parts[i]!, true, layout) ? '' : ' ') + parts[i]!.text : `\n${parts[i]!.text}`;
  }
  return out.slice(0, 4000);
}

interface Draft {
  /** Task parts, joined once the layout is known. */
  task: Part[];
  result: IrmTestResult;
  message: Part[];
}

function emptyFacts(): IrmTestFacts {
  return {
    steps: [], overall: null, overallPrinted: false, certificationUri: null, publishingUri: null, licensingUris: [], exception: null,
    exceptionStep: null, environment: 'unknown', rmsOnline: false, senderPrompt: false, sender: null, recipients: [], unrecognized: [],
  };
}

interface Reading {
  drafts: Draft[];
  exception: Part[] | null;
  layout: Layout;
}

/** The -Sender prompt, the command line itself and other lines that are not results. True when consumed. */
function readPromptLine(line: string, c0: number, facts: IrmTestFacts, beforeSteps: boolean): boolean {
  if (c0 === 0x63 || c0 === 0x73 || c0 === 0x28 || c0 === 0x72 || c0 === 0x74) {
    if (/^cmdlet Test-IRMConfiguration at command pipeline position/i.test(line) || /^Supply values for the following parameters/i.test(line)) {
      facts.senderPrompt = true;
      return true;
    }
    if (/^\(Type !\? for Help\.\)$/.test(line) || /^RunspaceId\s{0,20}:/i.test(line)) return true;
    const senderLine = beforeSteps ? /^Sender\s{0,4}:\s{0,4}(\S{0,254})$/i.exec(line) : null;
    if (senderLine) {
      facts.senderPrompt = true;
      if (senderLine[1]) facts.sender = senderLine[1];
      return true;
    }
    if (/^Test-IRMConfiguration(\s|$)/i.test(line)) {
      facts.sender ??= /-Sender\s{1,4}["']?([^\s"']{1,254})/i.exec(line)?.[1] ?? null;
      if (/-RMSOnline\b/i.test(line)) facts.rmsOnline = true;
      return true;
    }
  }
  return false;
}

/** The line-by-line state machine: steps, exception, OVERALL, the -Sender prompt. */
function readSteps(text: string, facts: IrmTestFacts): Reading {
  const drafts: Draft[] = [];
  let taskParts: Part[] | null = null;
  let taskOpen = false;
  let lastTask: Part[] = [];
  let cur: Draft | null = null;
  let afterResult = false;
  let exLines: Part[] | null = null;
  let exception: Part[] | null = null;
  let overallWord: string | null = null;
  let baseIndent = Infinity;
  const widths: number[] = [];
  for (const raw of text.split('\n')) {
    const clipped = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    let line = cleanLine(clipped);
    const c0 = line.charCodeAt(0) | 0x20; // first letter, lower-cased: cheap gate before any regex
    const prefixed = c0 === 0x72 && /^Results\s{0,4}:(\s|$)/i.test(line);
    if (prefixed) {
      line = line.replace(/^Results\s{0,4}:\s{0,4}/i, '');
      baseIndent = Infinity; // only lines after "Results :" show the output's own indentation
    }
    const dash = line.charCodeAt(0) === 45;
    const res = dash ? RESULT.exec(line) : null;
    let indent = 0;
    while (indent < clipped.length && clipped.charCodeAt(indent) === 32) indent++;
    const width = 10 + line.length;
    // Result lines sit 4 columns deeper (14) than everything else (10).
    if (line !== '') widths.push(res ? width + 4 : width);
    if (exLines) {
      if (dash && DASHES.test(line)) {
        exception ??= exLines;
        exLines = null;
        afterResult = false;
      } else if (line !== '' && exLines.length < 200) exLines.push({ text: line, width, indent });
      continue;
    }
    if (line === '') {
      afterResult = false;
      continue;
    }
    if (dash && DASHES.test(line)) {
      exLines = [];
      if (facts.exceptionStep === null && drafts.length > 0) facts.exceptionStep = drafts.length - 1;
      continue;
    }
    if (!dash && !prefixed && readPromptLine(line, c0, facts, drafts.length === 0)) continue;
    const ov = c0 === 0x6f ? OVERALL.exec(line) : null;
    if (ov) {
      facts.overallPrinted = true;
      overallWord = ov[1]!.toUpperCase();
      afterResult = false;
      continue;
    }
    if (res) {
      if (taskParts) lastTask = taskParts;
      taskParts = null;
      taskOpen = false;
      cur = null;
      if (drafts.length < MAX_STEPS) {
        cur = { task: lastTask, result: res[1]!.toUpperCase() as IrmTestResult, message: [{ text: res[2]!, width: width + 4, indent }] };
        drafts.push(cur);
      }
      afterResult = true;
      continue;
    }
    const other = dash ? OTHER_RESULT.exec(line) : null;
    if (other) {
      if (facts.unrecognized.length < 20) facts.unrecognized.push(line.slice(0, 300));
      cur = null;
      afterResult = true;
      continue;
    }
    if (!prefixed) baseIndent = Math.min(baseIndent, indent);
    const part: Part = { text: line, width, indent };
    const looksLikeTask = prefixed || TASK_START.test(line);
    if (taskOpen && taskParts && !looksLikeTask) {
      if (taskParts.length < 50) taskParts.push(part);
      taskOpen = !endsWithEllipsis(line);
    } else if (afterResult && !looksLikeTask && !endsWithEllipsis(line)) {
      if (cur && cur.message.length < 10000) cur.message.push(part);
    } else {
      taskParts = [part];
      taskOpen = !endsWithEllipsis(line);
      afterResult = false;
    }
  }
  if (exLines) exception ??= exLines;
  if (overallWord === 'PASS' || overallWord === 'FAIL' || overallWord === 'WARNING') facts.overall = overallWord;
  else if (overallWord !== null && facts.unrecognized.length < 20) facts.unrecognized.push(`OVERALL RESULT: ${overallWord}`);
  let consoleWidth = 0;
  for (const w of widths) consoleWidth = Math.max(consoleWidth, w);
  let atWidth = 0;
  for (const w of widths) if (w >= consoleWidth - 1) atWidth++;
  const layout: Layout = { baseIndent: Number.isFinite(baseIndent) ? baseIndent : -1, consoleWidth, wrapped: atWidth >= 2 };
  return { drafts, exception, layout };
}

function uriAfter(label: RegExp, s: string): string | null {
  const m = label.exec(s);
  return m ? m[1]!.replace(/[.)]+$/, '') : null;
}

export function parseIrmTest(text: string): ParseOutcome<IrmTestFacts> {
  const facts = emptyFacts();
  const { drafts, exception, layout } = readSteps(text, facts);
  const tasks = new Map<Part[], string>();
  const taskText = (p: Part[]): string => tasks.get(p) ?? tasks.set(p, joinWrapped(p, layout).slice(0, 2000)).get(p)!;
  facts.steps = drafts.map((d) => ({ task: taskText(d.task), result: d.result, message: joinWrapped(d.message, layout).slice(0, 4000) }));
  if (exception) facts.exception = joinException(exception, layout);
  let onPrem = false;
  let exo = facts.rmsOnline;
  for (const s of facts.steps) {
    if (ON_PREM_TASK.test(s.task)) onPrem = true;
    if (EXO_TASK.test(s.task) || /Templates available:/i.test(s.message)) exo = true;
    if (/^Checking (organization context|RMS Online)/i.test(s.task)) facts.rmsOnline = true;
    facts.certificationUri ??= uriAfter(/RMS Certification Uri:\s{0,3}(\S{1,2048})/i, s.message);
    facts.publishingUri ??= uriAfter(/RMS Publishing Uri:\s{0,3}(\S{1,2048})/i, s.message);
    const lic = uriAfter(/RMS Licensing Uri:\s{0,3}(\S{1,2048})/i, s.message);
    if (lic && !facts.licensingUris.includes(lic) && facts.licensingUris.length < 20) facts.licensingUris.push(lic);
    const rcpt = /^Acquiring Prelicense for '([^']{1,254})'/i.exec(s.task)?.[1];
    if (rcpt && !facts.recipients.includes(rcpt) && facts.recipients.length < 20) facts.recipients.push(rcpt);
  }
  facts.environment = onPrem ? 'on-premises' : exo ? 'exchange-online' : facts.steps.length > 0 ? 'on-premises' : 'unknown';
  if (!facts.overallPrinted) {
    facts.overall = facts.steps.some((s) => s.result === 'FAIL') ? 'FAIL' : facts.steps.some((s) => s.result === 'WARNING') ? 'WARNING' : null;
  }
  return { facts, ...shapeOf(facts) };
}

function shapeOf(facts: IrmTestFacts): { shape: ParseOutcome<IrmTestFacts>['shape']; findings: Finding[] } {
  if (facts.environment === 'exchange-online') {
    return {
      shape: 'wrong_input',
      findings: [{
        id: 'irmtest.exchange-online',
        severity: 'warning',
        summary: `This Test-IRMConfiguration ${facts.rmsOnline ? '(-RMSOnline) ' : ''}ran in Exchange Online, not on your on-premises Exchange.`,
        detail: 'Exchange Online talks to Azure RMS directly; the RMS connector serves on-premises Exchange servers, so the test has to run there.',
        seedStep: 'P1',
        fix: `# In the Exchange Management Shell on an on-premises Exchange server:\nTest-IRMConfiguration -Sender ${realValue(facts.sender) ?? ASK_MAILBOX}`,
      }],
    };
  }
  const bad = facts.steps.some((s) => s.result !== 'PASS');
  if (facts.steps.length === 0 || (facts.unrecognized.length > 0 && !bad)) {
    if (facts.senderPrompt && facts.steps.length === 0 && facts.unrecognized.length === 0) return { shape: 'incomplete', findings: [] };
    return {
      shape: 'incomplete',
      findings: [{
        id: 'irmtest.unrecognized-output',
        severity: 'info',
        summary: 'No PASS/FAIL/WARNING result could be read from this Test-IRMConfiguration output (cut off, or another language?).',
        detail: (facts.unrecognized.length ? `Lines I could not read: ${facts.unrecognized.slice(0, 3).join(' | ')}. ` : '') +
          'Unknown wording is never taken as a pass. Paste the complete output from the first "Results :" line to OVERALL RESULT; ' +
          'if the shell prints another language, add what each result word means.',
        seedStep: 'A3',
        fix: `Test-IRMConfiguration -Sender ${realValue(facts.sender) ?? ASK_MAILBOX}`,
      }],
    };
  }
  // Without an OVERALL line a run with no FAIL/WARNING may simply be cut off: not enough to call it a pass.
  return { shape: !facts.overallPrinted && !bad ? 'incomplete' : 'complete', findings: [] };
}

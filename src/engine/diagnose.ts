// The engine's front door: recognise what was pasted, read it, judge it, and say what to do next.
// Used the same way by the CLI, the bot and the benchmark.
import { EXCHANGE_ONLINE_NEXT, exchangeOnlineEvidence, exchangeOnlineFinding } from './exchangeOnline';
import { finishFix } from './fixes';
import { KIND_MODULES, moduleFor } from './kinds';
import { htmlToText, normalizePaste } from './normalize';
import { findPlaceholderInPaste, realValue, type PlaceholderHit } from './placeholders';
import { statusOf } from './status';
import type { CaseContext, Diagnosis, Finding, KindModule, PasteKind } from './types';

export { statusOf } from './status';

/** Below this detection score a paste is `unknown`. */
const MIN_SCORE = 0.3;

/** Commands on prompt lines that name a kind: a tie-breaker when the output itself is ambiguous. */
const COMMAND_HINTS: [RegExp, PasteKind][] = [
  [/get-irmconfiguration/i, 'irm-configuration'],
  [/test-irmconfiguration/i, 'irm-test'],
  [/\breg(\.exe)?\s+query|get-itemproperty|regedit/i, 'registry'],
  [/get-winevent|get-eventlog|wevtutil/i, 'connector-events'],
  [/get-exchangeserver|exsetup/i, 'exchange-version'],
  [/invoke-webrequest|\bcurl\b|\biwr\b/i, 'web-probe'],
  [/certutil/i, 'certificate-check'],
  [/get-(aipservice|aadrm)configuration/i, 'rms-tenant-configuration'],
];

export const ACCEPTED_OUTPUTS =
  'Get-IRMConfiguration | fl, Test-IRMConfiguration -Sender <mailbox>, reg query of the RMS/IRM keys (or a .reg export), ' +
  'the connector events (Get-WinEvent / wevtutil), Get-ExchangeServer, Invoke-WebRequest to the connector, certutil -verify -urlfetch, ' +
  'or Get-AipServiceConfiguration';

export interface ParsedPaste {
  kind: PasteKind;
  /** Shape as the parser judged it (empty/unknown/binary: wrong_input). */
  shape: 'complete' | 'incomplete' | 'wrong_input';
  facts: unknown;
  /** Findings about the input itself (from the parser). */
  inputFindings: Finding[];
  commands: string[];
  /** What showed this paste came from Exchange Online (any kind), if anything. */
  exchangeOnline?: string | null;
  /** A placeholder, masked value or documentation sample in the paste, if any. */
  placeholder?: PlaceholderHit | null;
  /** Only a prompt and its command: nothing the command printed. */
  commandOnly?: boolean;
}

function isMostlyBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  if (sample.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 10 && c !== 9) || c === 0xfffd) bad++;
  }
  return bad / sample.length > 0.05;
}

/** Picks the kind whose detector is most confident, using prompt-line commands to break near ties. */
export function detectKind(text: string, commands: string[] = []): PasteKind {
  if (text.trim() === '') return 'empty';
  let best: PasteKind = 'unknown';
  let bestScore = 0;
  const hinted = new Set<PasteKind>();
  for (const cmd of commands) for (const [re, kind] of COMMAND_HINTS) if (re.test(cmd)) hinted.add(kind);
  for (const m of KIND_MODULES) {
    let score = m.detect(text);
    if (score > 0 && hinted.has(m.kind)) score = Math.min(1, score + 0.15);
    if (score > bestScore) {
      best = m.kind;
      bestScore = score;
    }
  }
  return bestScore >= MIN_SCORE ? best : 'unknown';
}

const PROMPT_ONLY = /^\s{0,8}(?:\[PS\]|PS\b|[A-Za-z]:\\)/;

/** The kind a command names, for a paste that holds only the command. */
function kindOfCommands(commands: string[]): PasteKind {
  for (const cmd of commands) for (const [re, kind] of COMMAND_HINTS) if (re.test(cmd)) return kind;
  return 'unknown';
}

/** Recognises and reads one paste; no rules yet (they may need facts from other pastes). */
export function parsePaste(raw: string): ParsedPaste {
  const { text, commands } = normalizePaste(raw);
  if (text.trim() === '') {
    // Only an empty (or whitespace, or empty-markup) message is "empty"; anything else was said for a reason.
    if (htmlToText(raw).trim() === '') return { kind: 'empty', shape: 'wrong_input', facts: {}, inputFindings: [], commands };
    if (commands.length > 0) {
      // A long "command" that reads as output is a flattened prompt line nothing could split: read it.
      const glued = commands.join('\n');
      if (glued.length > 100 && detectKind(glued, commands) !== 'unknown') return parseText(glued, commands);
      return { kind: kindOfCommands(commands), shape: 'incomplete', facts: {}, inputFindings: [], commands, commandOnly: true };
    }
    return { kind: 'unknown', shape: 'wrong_input', facts: { promptOnly: PROMPT_ONLY.test(raw) }, inputFindings: [], commands };
  }
  return parseText(text, commands);
}

function parseText(text: string, commands: string[]): ParsedPaste {
  if (isMostlyBinary(text)) {
    return {
      kind: 'unknown',
      shape: 'wrong_input',
      facts: { binary: true },
      inputFindings: [],
      commands,
    };
  }
  const kind = detectKind(text, commands);
  const exchangeOnline = exchangeOnlineEvidence(text, commands);
  const placeholder = findPlaceholderInPaste(text);
  const mod = moduleFor(kind);
  if (!mod) return { kind, shape: 'wrong_input', facts: {}, inputFindings: [], commands, exchangeOnline, placeholder };
  const out = mod.parse(text);
  return { kind, shape: out.shape, facts: out.facts, inputFindings: out.findings, commands, exchangeOnline, placeholder };
}

/** What every paste of a case teaches the others (tenant URL, connector URL, Exchange version ...). */
export function contextFrom(parsed: ParsedPaste[], base: CaseContext = {}): CaseContext {
  const ctx: CaseContext = { ...base };
  // A case stored before a value was known to be a sample keeps it no longer.
  for (const key of ['tenantUrl', 'connectorUrl', 'testSender'] as const) if (ctx[key] !== undefined && realValue(ctx[key]) === undefined) delete ctx[key];
  for (const p of parsed) {
    const mod = moduleFor(p.kind);
    const add = p.commandOnly ? undefined : mod?.contribute?.(p.facts);
    if (!add) continue;
    // A value that is a placeholder, masked or a documentation sample is never remembered as the tenant's.
    for (const key of ['tenantUrl', 'connectorUrl', 'testSender'] as const) if (add[key] !== undefined) add[key] = realValue(add[key]);
    for (const [k, v] of Object.entries(add)) {
      // The first paste that states a fact wins; later ones fill gaps only.
      if (v !== undefined && (ctx as Record<string, unknown>)[k] === undefined) (ctx as Record<string, unknown>)[k] = v;
    }
  }
  return ctx;
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { problem: 0, warning: 1, info: 2 };

function emptyOrUnknownNext(p: ParsedPaste): string {
  if (p.kind === 'empty') return `The message was empty. Paste the output of one of: ${ACCEPTED_OUTPUTS}.`;
  if ((p.facts as { binary?: boolean }).binary)
    return `That looks like binary data, not command output. Paste the text the command printed (or upload it as .txt): ${ACCEPTED_OUTPUTS}.`;
  if ((p.facts as { promptOnly?: boolean }).promptOnly) return `That is only the PowerShell prompt, without a command or its output. Run the command and paste what it printed. I can read: ${ACCEPTED_OUTPUTS}.`;
  if (p.commandOnly) return `That is only the command line (${p.commands[0]!.slice(0, 120)}), without what it printed. Run it and paste its whole output. I can read: ${ACCEPTED_OUTPUTS}.`;
  return `I could not recognise that output. I can read: ${ACCEPTED_OUTPUTS}.`;
}

function commandOnlyFinding(p: ParsedPaste): Finding {
  return {
    id: 'input.command-only',
    severity: 'info',
    summary: 'The paste holds the command but not what it printed.',
    detail: `Only the prompt line came through (${p.commands[0]!.slice(0, 120)}). Copy the output below it as well.`,
    seedStep: null,
    fix: null,
  };
}

export function placeholderFinding(hit: PlaceholderHit | null | undefined): Finding {
  const what = hit?.kind === 'masked' ? 'masked values' : hit?.kind === 'sample' ? 'sample values from the documentation' : 'placeholders';
  return {
    id: 'input.placeholders',
    severity: 'warning',
    summary: `The paste holds ${what}${hit ? ` (${hit.match.slice(0, 60)})` : ''}, so no fix is built from them.`,
    detail: 'A fix filled with a placeholder, a masked value or a documentation sample would point Exchange at the wrong place. ' +
      'Paste the real output, unedited, as the command printed it (it stays in this conversation).',
    seedStep: null,
    fix: null,
  };
}

/**
 * The last guard before a finding is shown: its fix gets the questions for values nobody pasted
 * (fixes.ts finishFix), and a fix that would carry a placeholder, a masked value or a documentation
 * sample is not shown at all.
 */
function guardFixes(findings: Finding[]): { findings: Finding[]; refused: boolean } {
  let refused = false;
  const out = findings.map((f) => {
    if (!f.fix) return f;
    const fix = finishFix(f.fix);
    if (fix === null) refused = true;
    return fix === f.fix ? f : { ...f, fix };
  });
  return { findings: out, refused };
}

/** Judges one parsed paste in the light of the case context. */
export function judge(p: ParsedPaste, ctx: CaseContext): Diagnosis {
  const mod = moduleFor(p.kind);
  if (!mod || p.commandOnly) {
    return {
      detected: p.kind,
      status: p.commandOnly ? 'incomplete' : 'wrong_input',
      facts: p.facts as Record<string, unknown>,
      findings: p.commandOnly ? [commandOnlyFinding(p)] : [],
      next: emptyOrUnknownNext(p),
    };
  }
  const raw = dedupe([...p.inputFindings, ...(p.shape === 'wrong_input' ? [] : mod.rules(p.facts, ctx))]);
  const { findings, refused } = guardFixes(raw);
  let shape = p.shape;
  // Whether a paste with placeholders is still output (an error quoting what was typed) or a copy of
  // the docs is the kind's call (its parser's shape); here the fixes built from them are withheld.
  if (p.placeholder || refused) findings.push(placeholderFinding(p.placeholder));
  const exoOwn = findings.some((f) => f.id.endsWith('.exchange-online'));
  if (p.exchangeOnline && !exoOwn) findings.push(exchangeOnlineFinding(p.exchangeOnline));
  if (p.exchangeOnline || exoOwn) shape = 'wrong_input';
  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return {
    detected: p.kind,
    status: statusOf(shape, findings),
    facts: p.facts as Record<string, unknown>,
    findings,
    next: p.exchangeOnline && !exoOwn ? EXCHANGE_ONLINE_NEXT : mod.next(p.facts, findings, ctx),
  };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}|${f.server ?? ''}|${f.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Diagnoses one paste on its own (plus whatever the caller already knows). */
export function diagnose(raw: string, ctx: CaseContext = {}): Diagnosis {
  return diagnoseInContext(raw, ctx).diagnosis;
}

/** Diagnoses one paste and returns the case context it leaves behind (what it taught us added to `ctx`). */
export function diagnoseInContext(raw: string, ctx: CaseContext = {}): { diagnosis: Diagnosis; context: CaseContext } {
  const parsed = parsePaste(raw);
  const context = contextFrom([parsed], ctx);
  return { diagnosis: judge(parsed, context), context };
}

/**
 * Diagnoses several pastes together: facts from one fill the fixes of another, and pastes of the
 * same kind (registry from several servers, events from several connector nodes) are merged so the
 * rules can compare servers.
 */
export function diagnoseAll(raws: string[], base: CaseContext = {}): Diagnosis[] {
  const parsed = raws.map(parsePaste);
  const ctx = contextFrom(parsed, base);
  const merged: ParsedPaste[] = [];
  const byKind = new Map<PasteKind, ParsedPaste[]>();
  for (const p of parsed) {
    const mod = moduleFor(p.kind);
    if (mod?.merge && p.shape !== 'wrong_input') {
      const group = byKind.get(p.kind);
      if (group) {
        group.push(p);
        continue;
      }
      byKind.set(p.kind, [p]);
    }
    merged.push(p);
  }
  return merged.map((p) => {
    const group = byKind.get(p.kind);
    if (!group || group.length < 2 || group[0] !== p) return judge(p, ctx);
    const mod = moduleFor(p.kind) as KindModule<unknown>;
    const combined: ParsedPaste = {
      ...p,
      facts: mod.merge!(group.map((g) => g.facts)),
      shape: group.some((g) => g.shape === 'complete') ? 'complete' : 'incomplete',
      inputFindings: group.flatMap((g) => g.inputFindings),
      commands: group.flatMap((g) => g.commands),
    };
    return judge(combined, ctx);
  });
}

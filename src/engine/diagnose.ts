// The engine's front door: recognise what was pasted, read it, judge it, and say what to do next.
// Used the same way by the CLI, the bot and the benchmark.
import { KIND_MODULES, moduleFor } from './kinds';
import { normalizePaste } from './normalize';
import type { CaseContext, Diagnosis, Finding, KindModule, PasteKind, Status } from './types';

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

/** Recognises and reads one paste; no rules yet (they may need facts from other pastes). */
export function parsePaste(raw: string): ParsedPaste {
  const { text, commands } = normalizePaste(raw);
  if (text.trim() === '') return { kind: 'empty', shape: 'wrong_input', facts: {}, inputFindings: [], commands };
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
  const mod = moduleFor(kind);
  if (!mod) return { kind, shape: 'wrong_input', facts: {}, inputFindings: [], commands };
  const out = mod.parse(text);
  return { kind, shape: out.shape, facts: out.facts, inputFindings: out.findings, commands };
}

/** What every paste of a case teaches the others (tenant URL, connector URL, Exchange version ...). */
export function contextFrom(parsed: ParsedPaste[], base: CaseContext = {}): CaseContext {
  const ctx: CaseContext = { ...base };
  for (const p of parsed) {
    const mod = moduleFor(p.kind);
    const add = mod?.contribute?.(p.facts);
    if (!add) continue;
    for (const [k, v] of Object.entries(add)) {
      // The first paste that states a fact wins; later ones fill gaps only.
      if (v !== undefined && (ctx as Record<string, unknown>)[k] === undefined) (ctx as Record<string, unknown>)[k] = v;
    }
  }
  return ctx;
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { problem: 0, warning: 1, info: 2 };

export function statusOf(shape: ParsedPaste['shape'], findings: Finding[]): Status {
  if (shape === 'wrong_input') return 'wrong_input';
  if (findings.some((f) => f.severity !== 'info')) return 'problem';
  return shape === 'incomplete' ? 'incomplete' : 'ok';
}

function emptyOrUnknownNext(p: ParsedPaste): string {
  if (p.kind === 'empty') return `The message was empty. Paste the output of one of: ${ACCEPTED_OUTPUTS}.`;
  if ((p.facts as { binary?: boolean }).binary)
    return `That looks like binary data, not command output. Paste the text the command printed (or upload it as .txt): ${ACCEPTED_OUTPUTS}.`;
  return `I could not recognise that output. I can read: ${ACCEPTED_OUTPUTS}.`;
}

/** Judges one parsed paste in the light of the case context. */
export function judge(p: ParsedPaste, ctx: CaseContext): Diagnosis {
  const mod = moduleFor(p.kind);
  if (!mod) {
    return { detected: p.kind, status: 'wrong_input', facts: p.facts as Record<string, unknown>, findings: [], next: emptyOrUnknownNext(p) };
  }
  const findings = dedupe([...p.inputFindings, ...(p.shape === 'wrong_input' ? [] : mod.rules(p.facts, ctx))]);
  findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return {
    detected: p.kind,
    status: statusOf(p.shape, findings),
    facts: p.facts as Record<string, unknown>,
    findings,
    next: mod.next(p.facts, findings, ctx),
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

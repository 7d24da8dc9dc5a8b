// PowerShell errors instead of the output we asked for: the command ran in the wrong shell, waited for
// a mandatory parameter, or threw. Each says something different about what to do next; the errors
// this troubleshooting meets are catalogued as data (data/powershellErrors.json).
import raw from '../data/powershellErrors.json';
import { findPlaceholder } from '../placeholders';
import type { Severity } from '../types';

/** One catalogued error: how to recognise it and what to tell the admin. */
export interface CatalogueEntry {
  kind: string;
  pattern: RegExp;
  requires?: RegExp;
  severity: Severity;
  summary: string;
  detail: string;
  seedStep: string | null;
  fix: string | null;
  next: string;
}

export interface ModuleEntry {
  cmdlet: RegExp;
  module: string;
  fix: string;
  note: string;
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`powershellErrors.json: ${what} must be a string`);
  return v;
}

function loadCatalogue(): { errors: CatalogueEntry[]; modules: ModuleEntry[] } {
  const data = raw as { errors?: unknown[]; modules?: unknown[] };
  if (!Array.isArray(data.errors) || !Array.isArray(data.modules)) throw new Error('powershellErrors.json: missing sections');
  const errors = data.errors.map((e) => {
    const r = e as Record<string, unknown>;
    const severity = str(r.severity, 'severity');
    if (severity !== 'info' && severity !== 'warning' && severity !== 'problem') throw new Error(`powershellErrors.json: bad severity ${severity}`);
    const entry: CatalogueEntry = {
      kind: str(r.kind, 'kind'), pattern: new RegExp(str(r.pattern, 'pattern'), 'i'), severity, summary: str(r.summary, 'summary'),
      detail: str(r.detail, 'detail'), seedStep: r.seedStep === null ? null : str(r.seedStep, 'seedStep'), fix: r.fix === null ? null : str(r.fix, 'fix'),
      next: str(r.next, 'next'),
    };
    if (r.requires !== undefined) entry.requires = new RegExp(str(r.requires, 'requires'), 'i');
    return entry;
  });
  const modules = data.modules.map((m) => {
    const r = m as Record<string, unknown>;
    return { cmdlet: new RegExp(str(r.cmdlet, 'cmdlet'), 'i'), module: str(r.module, 'module'), fix: str(r.fix, 'fix'), note: str(r.note, 'note') };
  });
  return { errors, modules };
}

export const PS_CATALOGUE = loadCatalogue();

function catalogued(head: string): CatalogueEntry | undefined {
  const match = (text: string): CatalogueEntry | undefined => PS_CATALOGUE.errors.find((e) => e.pattern.test(text) && (!e.requires || e.requires.test(text)));
  // A message wrapped at the console width is matched with the wraps undone (mid-word, then at a space).
  return match(head) ?? (head.indexOf('\n') === -1 ? undefined : match(unwrapped(head)) ?? match(spaced(head)));
}

export interface PowershellErrorFacts {
  /** The cmdlet the error is about, when it can be read. */
  cmdlet: string | null;
  /** not-recognized, parameter-prompt, rms-version-mismatch, access-denied, exception, or a catalogued kind (powershellErrors.json). */
  errorKind: string;
  /** The prompt's parameter name ("Sender") for a parameter prompt. */
  parameter: string | null;
  /** The first error line, trimmed and capped. */
  message: string;
  /** FullyQualifiedErrorId / exception type, when printed. */
  errorId: string | null;
  /** A documentation placeholder (`<YourTenantURL>`) the failing command was run with. */
  placeholder?: string;
}

const NOT_RECOGNIZED = /The term '([^']{1,200})' is not recognized as\s{0,2}(?:the\s{1,2})?name of a cmdlet|is not recognized as\s{0,2}the name of a cmdlet/i;
const PROMPT = /cmdlet ([A-Za-z]+-[A-Za-z]+) at command pipeline position \d+/i;
const SUPPLY = /Supply values for the following parameters:/i;

/** The text with its hard wraps undone (PowerShell wraps mid-word at the console width). */
function unwrapped(head: string): string {
  return head.indexOf('\n') === -1 ? head : head.replace(/\n {0,12}/g, '');
}

/** The same with a space where the wrap was (a wrap at a word boundary lost its space to trimming). */
function spaced(head: string): string {
  return head.indexOf('\n') === -1 ? head : head.replace(/\n {0,12}/g, ' ');
}

export function detectPowershellError(text: string): number {
  const head = text.slice(0, 50000);
  if (NOT_RECOGNIZED.test(head) || NOT_RECOGNIZED.test(unwrapped(head)) || NOT_RECOGNIZED.test(spaced(head))) return 0.9;
  if (SUPPLY.test(head)) return 0.6;
  if (/RmsVersionMismatchException|doesn't meet the version requirements/i.test(head)) return 0.7;
  if (!/Invoke-WebRequest|\bcurl\b/i.test(head) && catalogued(head)) return 0.6;
  // "+ CategoryInfo :", or the same at a line start when a restorer moved the "+" to the line before.
  const errorBlock = /(?:\+ |^ {0,8})(?:CategoryInfo|FullyQualifiedErrorId) {0,20}:/m.test(head);
  if (!errorBlock) return 0;
  // Invoke-WebRequest errors have the same shape; the web-probe parser reads them better.
  return /Invoke-WebRequest|curl/i.test(head) ? 0.25 : 0.55;
}

function firstLine(text: string): string {
  const l = text.split('\n').find((x) => x.trim() !== '') ?? '';
  return l.trim().slice(0, 500);
}

export function parsePowershellError(text: string): { facts: PowershellErrorFacts; shape: 'complete' | 'incomplete' | 'wrong_input' } {
  const out = parseError(text);
  const hit = findPlaceholder(text.slice(0, 200000));
  if (hit?.kind === 'placeholder') out.facts.placeholder = hit.match;
  return out;
}

function parseError(text: string): { facts: PowershellErrorFacts; shape: 'complete' | 'incomplete' | 'wrong_input' } {
  const head = text.slice(0, 200000);
  const errorId = /FullyQualifiedErrorId\s{0,20}:\s{0,4}([^\n]{1,300})/.exec(head)?.[1]?.trim() ?? null;
  const cmdletFromError = /^\s{0,4}([A-Za-z]+-[A-Za-z]+)\s?:\s/m.exec(head)?.[1] ?? /\[(\w+-\w+)\]/.exec(head)?.[1] ?? null;
  const nr = NOT_RECOGNIZED.exec(head) ?? NOT_RECOGNIZED.exec(unwrapped(head)) ?? NOT_RECOGNIZED.exec(spaced(head));
  if (nr) {
    return { facts: { cmdlet: nr[1] ?? cmdletFromError, errorKind: 'not-recognized', parameter: null, message: firstLine(head), errorId }, shape: 'wrong_input' };
  }
  // Only the error record survived (the message went with a prompt line): CommandNotFoundException is
  // PowerShell's "not recognized", and its CategoryInfo names the command.
  if (/CommandNotFoundException/.test(head)) {
    const target = /ObjectNotFound:\s{0,4}\(([A-Za-z]+-[A-Za-z0-9]+):String\)/.exec(head)?.[1] ?? cmdletFromError;
    return { facts: { cmdlet: target, errorKind: 'not-recognized', parameter: null, message: firstLine(head), errorId }, shape: 'wrong_input' };
  }
  const pr = PROMPT.exec(head);
  if (pr || SUPPLY.test(head)) {
    const param = /Supply values for the following parameters:\s*\n\s{0,8}([A-Za-z]+)(?:\[\d+\])?\s{0,4}:/i.exec(head)?.[1] ?? null;
    return { facts: { cmdlet: pr?.[1] ?? null, errorKind: 'parameter-prompt', parameter: param, message: firstLine(head), errorId }, shape: 'incomplete' };
  }
  if (/RmsVersionMismatchException|doesn't meet the version requirements/i.test(head)) {
    return { facts: { cmdlet: cmdletFromError, errorKind: 'rms-version-mismatch', parameter: null, message: firstLine(head), errorId }, shape: 'complete' };
  }
  const known = catalogued(head);
  if (known) {
    // PowerShell 7 glues the cmdlet to its message ("Connect-AipService: ..."), possibly after other text.
    const cmdlet = cmdletFromError ?? /(?:^|\s)([A-Za-z]+-[A-Za-z0-9]+):\s/.exec(head.slice(0, 400))?.[1] ?? null;
    return { facts: { cmdlet, errorKind: known.kind, parameter: null, message: firstLine(head), errorId }, shape: 'complete' };
  }
  if (/Access is denied|UnauthorizedAccess|isn't allowed to|is not allowed to|Insufficient (?:access )?rights/i.test(head)) {
    return { facts: { cmdlet: cmdletFromError, errorKind: 'access-denied', parameter: null, message: firstLine(head), errorId }, shape: 'complete' };
  }
  return { facts: { cmdlet: cmdletFromError, errorKind: 'exception', parameter: null, message: firstLine(head), errorId }, shape: 'complete' };
}

// PowerShell errors instead of the output we asked for: the command ran in the wrong shell, waited for
// a mandatory parameter, or threw. Each says something different about what to do next.

export interface PowershellErrorFacts {
  /** The cmdlet the error is about, when it can be read. */
  cmdlet: string | null;
  errorKind: 'not-recognized' | 'parameter-prompt' | 'rms-version-mismatch' | 'access-denied' | 'exception';
  /** The prompt's parameter name ("Sender") for a parameter prompt. */
  parameter: string | null;
  /** The first error line, trimmed and capped. */
  message: string;
  /** FullyQualifiedErrorId / exception type, when printed. */
  errorId: string | null;
}

const NOT_RECOGNIZED = /The term '([^']{1,200})' is not recognized as (?:the )?name of a cmdlet|is not recognized as the name of a cmdlet/i;
const PROMPT = /cmdlet ([A-Za-z]+-[A-Za-z]+) at command pipeline position \d+/i;
const SUPPLY = /Supply values for the following parameters:/i;

export function detectPowershellError(text: string): number {
  const head = text.slice(0, 50000);
  if (NOT_RECOGNIZED.test(head)) return 0.9;
  if (SUPPLY.test(head)) return 0.6;
  if (/RmsVersionMismatchException|doesn't meet the version requirements/i.test(head)) return 0.7;
  const errorBlock = /\+ (?:CategoryInfo|FullyQualifiedErrorId)\s{0,20}:/.test(head);
  if (!errorBlock) return 0;
  // Invoke-WebRequest errors have the same shape; the web-probe parser reads them better.
  return /Invoke-WebRequest|curl/i.test(head) ? 0.25 : 0.55;
}

function firstLine(text: string): string {
  const l = text.split('\n').find((x) => x.trim() !== '') ?? '';
  return l.trim().slice(0, 500);
}

export function parsePowershellError(text: string): { facts: PowershellErrorFacts; shape: 'complete' | 'incomplete' | 'wrong_input' } {
  const head = text.slice(0, 200000);
  const errorId = /FullyQualifiedErrorId\s{0,20}:\s{0,4}([^\n]{1,300})/.exec(head)?.[1]?.trim() ?? null;
  const cmdletFromError = /^\s{0,4}([A-Za-z]+-[A-Za-z]+)\s:/m.exec(head)?.[1] ?? /\[(\w+-\w+)\]/.exec(head)?.[1] ?? null;
  const nr = NOT_RECOGNIZED.exec(head);
  if (nr) {
    return { facts: { cmdlet: nr[1] ?? cmdletFromError, errorKind: 'not-recognized', parameter: null, message: firstLine(head), errorId }, shape: 'wrong_input' };
  }
  const pr = PROMPT.exec(head);
  if (pr || SUPPLY.test(head)) {
    const param = /Supply values for the following parameters:\s*\n\s{0,8}([A-Za-z]+)(?:\[\d+\])?\s{0,4}:/i.exec(head)?.[1] ?? null;
    return { facts: { cmdlet: pr?.[1] ?? null, errorKind: 'parameter-prompt', parameter: param, message: firstLine(head), errorId }, shape: 'incomplete' };
  }
  if (/RmsVersionMismatchException|doesn't meet the version requirements/i.test(head)) {
    return { facts: { cmdlet: cmdletFromError, errorKind: 'rms-version-mismatch', parameter: null, message: firstLine(head), errorId }, shape: 'complete' };
  }
  if (/Access is denied|UnauthorizedAccess|isn't allowed to|is not allowed to|Insufficient (?:access )?rights/i.test(head)) {
    return { facts: { cmdlet: cmdletFromError, errorKind: 'access-denied', parameter: null, message: firstLine(head), errorId }, shape: 'complete' };
  }
  return { facts: { cmdlet: cmdletFromError, errorKind: 'exception', parameter: null, message: firstLine(head), errorId }, shape: 'complete' };
}

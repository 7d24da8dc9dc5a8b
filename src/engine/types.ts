// The engine's vocabulary. Everything here is plain data so it can be stored, sent over HTTP,
// printed by the CLI, and ported to another bot host unchanged.

/** Every kind of pasted output the engine recognises. */
export const PASTE_KINDS = [
  'irm-configuration',
  'irm-test',
  'registry',
  'connector-events',
  'exchange-version',
  'web-probe',
  'certificate-check',
  'rms-tenant-configuration',
  'powershell-error',
  'empty',
  'unknown',
] as const;
export type PasteKind = (typeof PASTE_KINDS)[number];

/**
 * ok          nothing wrong in this output
 * problem     something wrong
 * wrong_input not the output this troubleshooting needs (an error, an empty paste, Exchange Online output)
 * incomplete  the right command but not enough to judge (truncated table, a parameter prompt, an undocumented event)
 */
export type Status = 'ok' | 'problem' | 'wrong_input' | 'incomplete';

export type Severity = 'info' | 'warning' | 'problem';

/**
 * A seed-article step id: branch letter + step number + optional sub-step letter.
 * A = "Users cannot use Exchange IRM features, like OWA" (steps 1-8),
 * B = "The Admin cannot enable the IRM Integration in Exchange" (steps 1-6),
 * L = log collection (RMS Analyzer steps 1-7 and the connector trace, L0 = the "if all of the above didn't help" paragraph),
 * P = the article's "Recommended Steps" preamble (P1 prerequisites, P2 registry settings).
 * Findings use branch A ids; `flow/branchSteps.ts` maps them to a branch-B case's own steps.
 */
export type SeedStep = string;

export interface Finding {
  /** Stable id, `<area>.<what>`, e.g. `irmconfig.internal-licensing-disabled`. Flow transitions test these. */
  id: string;
  severity: Severity;
  /** What is wrong (or right), in plain words, one sentence. */
  summary: string;
  /** Why it matters / what the evidence was. Optional, a few sentences at most. */
  detail?: string;
  seedStep: SeedStep | null;
  /** The exact command(s) to run, filled with the admin's own values where known; newline-separated. */
  fix: string | null;
  /** Where the seed article says otherwise and we follow the official docs instead (facts.md §i). */
  articleDiffers?: string;
  /** Which server the finding is about, when the paste names one. */
  server?: string;
}

/**
 * Facts other pastes contribute, so rules can fill fix commands with the admin's own values
 * (tenant URL from Get-AipServiceConfiguration, connector URL from the registry, Exchange version ...).
 */
export interface CaseContext {
  /** e.g. https://5c6bb73b-1038-4eec-863d-49bded473437.rms.na.aadrm.com (no path, no trailing slash) */
  tenantUrl?: string;
  /** e.g. https://rmsconnector.contoso.com (no path, no trailing slash) */
  connectorUrl?: string;
  /** Exchange registry version key: v14 = Exchange 2010, v15 = 2013 and later. */
  exchangeRegistryVersion?: 'v14' | 'v15';
  /** e.g. "Exchange Server 2016 CU23" */
  exchangeProduct?: string;
  /** From Get-IRMConfiguration. */
  internalLicensingEnabled?: boolean;
  /** A test mailbox, e.g. from the Test-IRMConfiguration command line. */
  testSender?: string;
}

/** What a parser returns. `facts` is kind-specific plain JSON. */
export interface ParseOutcome<F> {
  facts: F;
  /**
   * The parser's own judgement of the input's shape, before any rule runs:
   * complete = the right output and enough of it; incomplete / wrong_input as in Status.
   */
  shape: 'complete' | 'incomplete' | 'wrong_input';
  /** Findings about the input itself (e.g. "Format-Table output: run it with | fl"). */
  findings: Finding[];
}

/** One kind of output: how to recognise it, read it, and judge it. One module per kind. */
export interface KindModule<F = unknown> {
  kind: PasteKind;
  /** Every finding id this module can emit (the flow and the docs rely on this catalogue). */
  findingIds: readonly string[];
  /**
   * How sure we are that `text` (already normalised, see normalize.ts) is this kind, 0..1.
   * Must run in linear time on multi-megabyte input.
   */
  detect(text: string): number;
  parse(text: string): ParseOutcome<F>;
  /** Findings from this kind's facts, using what other pastes told us. */
  rules(facts: F, ctx: CaseContext): Finding[];
  /**
   * Combines several pastes of this kind into one (registry exports from several servers, event logs
   * from several connector nodes), so rules can compare servers and name the odd one out.
   */
  merge?(facts: F[]): F;
  /** What this paste teaches the rest of the case (tenant URL, connector URL, ...). */
  contribute?(facts: F): Partial<CaseContext>;
  /** The next thing to do, in words, when no finding says otherwise. */
  next(facts: F, findings: Finding[], ctx: CaseContext): string;
}

/** The CLI's and the bot's view of one diagnosed paste. The CLI's --json prints exactly this shape. */
export interface Diagnosis {
  detected: PasteKind;
  status: Status;
  facts: Record<string, unknown>;
  findings: Finding[];
  next: string;
}

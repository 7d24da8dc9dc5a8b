// A troubleshooting case: everything learned while walking the flow with one admin. Stored on its
// own (keyed by id), not in a dialog stack, so helpdesk actions and reminders can load it too.
// Plain JSON only: it is written to SQLite / blob storage as is.
import type { CaseContext, Diagnosis, Finding, PasteKind, Status } from '../types';
import type { OutcomeKind } from '../flow/flowTypes';

export type CaseStatus = 'open' | OutcomeKind | 'cancelled';

export interface StepRecord {
  nodeId: string;
  seedStep: string;
  title: string;
  /** How the step was left: an answer, a paste, skipped by facts already known, or skipped by the admin. */
  via: 'answer' | 'paste' | 'facts' | 'skip';
  /** The option label for answers; the paste kind and status for pastes. */
  answer?: string;
  pasteKind?: PasteKind;
  pasteStatus?: Status;
  findingIds?: string[];
  at: string;
}

/**
 * A paste as the case remembers it: what it was and what it decided. The text and the full
 * diagnosis are stored on their own (StoredPaste), so a case stays small however much was pasted.
 */
export interface PasteRecord {
  /** Unique within the case ("p1", "p2", ...); the StoredPaste key. */
  id: string;
  at: string;
  /** The node the admin was on when pasting (null before a branch was chosen). */
  nodeId: string | null;
  kind: PasteKind;
  status: Status;
  findingIds: string[];
  /** Length of the text as received (characters). */
  chars: number;
  /** The step this paste answered (directly or by skipping), so one paste answers one step only. */
  consumedBy?: string;
}

/** The text of a paste (capped) and its full diagnosis, kept beside the case for evidence and escalation. */
export interface StoredPaste {
  caseId: string;
  pasteId: string;
  at: string;
  raw: string;
  rawTruncated: boolean;
  diagnosis: Diagnosis;
}

export interface CaseState {
  id: string;
  flowVersion: number;
  branch: 'A' | 'B' | null;
  /** The node waiting for the admin; null before a branch is chosen or after an outcome. */
  nodeId: string | null;
  status: CaseStatus;
  steps: StepRecord[];
  pastes: PasteRecord[];
  context: CaseContext;
  /** Every distinct finding so far (newest wins per id + server). */
  findings: Finding[];
  /**
   * The question at which the admin answered "it works now" while problems found earlier were still
   * on record, and was told so: the same answer there again closes the case. Gone once the case moves.
   */
  confirmClose?: string;
  createdAt: string;
  updatedAt: string;
}

/** What the interpreter wants shown, in order. The dialog layer turns these into cards or text. */
export type CaseEffect =
  | { type: 'show-node'; nodeId: string }
  | { type: 'diagnosis'; diagnosis: Diagnosis; matchedStep: boolean }
  | { type: 'moved'; fromNodeId: string; toNodeId: string; say?: string; via: StepRecord['via'] }
  | { type: 'reprompt'; nodeId: string; reason: string; diagnosis?: Diagnosis }
  | { type: 'outcome'; nodeId: string; outcome: OutcomeKind }
  | { type: 'notice'; text: string };

export interface Transition {
  state: CaseState;
  effects: CaseEffect[];
  /** Pastes this transition added, to be stored beside the case before the case is saved. */
  newPastes?: StoredPaste[];
}

export const MAX_STORED_PASTE_CHARS = 64 * 1024;

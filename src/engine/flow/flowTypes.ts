// The troubleshooting flow is data (flow.json); these types say what that data may hold.
// Transitions test findings and paste status, never parser internals, so parsers can change
// their facts without breaking the flow.
import type { PasteKind, SeedStep, Status } from '../types';

export type Condition =
  /** A finding with this id came out of the paste answering this step (or, when skipping, the case). */
  | { finding: string }
  /** Any finding whose id starts with this prefix, e.g. "events.20". */
  | { findingPrefix: string }
  /** The paste answering this step had this status. */
  | { status: Status }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface Transition {
  when: Condition;
  next: string;
  /** A sentence shown to the admin when this transition is taken ("Test-IRMConfiguration passed, so ..."). */
  say?: string;
}

interface NodeBase {
  id: string;
  /** The seed article step this node implements, e.g. "A4a", "B3", "L4". */
  seedStep: SeedStep;
  /** Short title shown on the card. */
  title: string;
  /** Why this step matters, in plain words. */
  why: string;
  /** Where the article is wrong or out of date and this node follows the official docs (facts.md §i). */
  articleDiffers?: string;
}

export interface Option {
  id: string;
  label: string;
  /** Typed words that also pick this option (besides the label, its number, yes/no for yes/no options). */
  synonyms?: string[];
  next: string;
}

/** Ask the admin something; they click or type an answer. May show a command to run first. */
export interface QuestionNode extends NodeBase {
  type: 'question';
  question: string;
  /** Optional command/instructions to carry out before answering (e.g. a fix to apply). */
  command?: string;
  options: Option[];
  /**
   * The fix needs time before it can be checked (a DRM purge and IRM off/on, the connector's
   * 15-minute authorisation refresh, group replication): the bot offers a reminder after this long.
   */
  followUp?: { minutes: number; why: string };
}

/** "Run this and paste the output". */
export interface PasteNode extends NodeBase {
  type: 'paste';
  /** The exact command. Placeholders: {{tenantUrl}}, {{connectorUrl}}, {{registryVersion}}, {{testSender}}. */
  command: string;
  /** Where to run it (e.g. "on each Exchange server, in the Exchange Management Shell"). */
  runOn: string;
  /** What to paste back. */
  pasteBack: string;
  expects: PasteKind[];
  /** Evaluated in order; the first whose condition holds wins. */
  transitions: Transition[];
  /** Taken when no transition holds. */
  otherwise: string;
  /** Offer a "I can't run this / skip" button that goes here. */
  skip?: string;
}

export type OutcomeKind = 'resolved' | 'not-connector' | 'escalate';

export interface OutcomeNode extends NodeBase {
  type: 'outcome';
  outcome: OutcomeKind;
  message: string;
}

export type FlowNode = QuestionNode | PasteNode | OutcomeNode;

export type BranchId = 'A' | 'B';

export interface Branch {
  id: BranchId;
  /** The symptom as the article words it. */
  symptom: string;
  start: string;
  /**
   * The one question that says this symptom is gone ("does Test-IRMConfiguration now end with
   * OVERALL RESULT: PASS?"). Every question whose "yes" closes a case asks it, and nothing else,
   * as `{fixedQuestion}` in the shared nodes.
   */
  fixedQuestion: string;
}

/**
 * A step both sections of the article have (e.g. "Test-IRMConfiguration": A3 in the first, B1 in the
 * second), with each branch's own label for it. The engine's rules name steps in branch A's terms;
 * these pairs are how a branch-B case shows them as B's.
 */
export interface SharedStep {
  key: string;
  labels: Record<BranchId, SeedStep>;
}

export interface Flow {
  /** Bumped whenever node ids change meaning, so stored cases can tell (see issue: cases from older flows). */
  version: number;
  branches: Branch[];
  sharedSteps: SharedStep[];
  /** Every node, the shared ones once per branch (with that branch's ids and step labels). */
  nodes: FlowNode[];
}

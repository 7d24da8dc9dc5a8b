// Loads a case, lets the pure machine change it, and saves it with compare-and-swap. A write that
// loses a race is redone on the fresh copy, so two turns (or a turn and a helpdesk click) never
// overwrite each other.
import { newCase, resume } from '../engine/case/caseMachine';
import type { CaseEffect, CaseState, Transition } from '../engine/case/caseTypes';
import type { Flow } from '../engine/flow/flowTypes';
import { ConflictError, type CaseStore } from './ports/storePorts';

export class CaseNotFoundError extends Error {}

/**
 * A saved change to a case, for observers (telemetry derives every case event from these): the case
 * before (null when created) and after, what the machine said, and how long the change took to
 * compute (a paste's diagnosis). `left`: the conversation moved on from this case (restart).
 */
export interface CaseChange {
  before: CaseState | null;
  after: CaseState;
  effects: CaseEffect[];
  ms: number;
  left?: boolean;
}

export class CaseService {
  constructor(
    readonly repo: CaseStore,
    readonly flow: Flow,
    private readonly now: () => Date = () => new Date(),
    /** Absent when nobody observes (telemetry off): then nothing is read or built for it. */
    private readonly onChange?: (c: CaseChange) => void,
  ) {}

  clock(): Date {
    return this.now();
  }

  async load(caseId: string): Promise<{ state: CaseState; effects: CaseEffect[] } | undefined> {
    const hit = await this.repo.getCase(caseId);
    if (!hit) return undefined;
    const r = resume(this.flow, hit.value, this.now());
    return { state: r.state, effects: r.effects };
  }

  /**
   * A new case, stored once: `first` (choosing the symptom, a first paste) is applied to the empty
   * case before it is saved, so there is no read and second write for it.
   */
  async create(first?: (s: CaseState, now: Date) => Transition): Promise<Transition> {
    const now = this.now();
    const empty = newCase(this.flow, this.repo.newCaseId(), now);
    const started = performance.now();
    const t = first ? first(empty, now) : { state: empty, effects: [] };
    const ms = performance.now() - started;
    for (const p of t.newPastes ?? []) await this.repo.savePaste(p);
    await this.repo.saveCase(t.state, null);
    this.onChange?.({ before: null, after: t.state, effects: t.effects, ms });
    return t;
  }

  /** The conversation leaves this case without closing it (restart): observers count an open one as abandoned. */
  async leave(caseId: string): Promise<void> {
    if (!this.onChange) return;
    const hit = await this.repo.getCase(caseId);
    if (hit) this.onChange({ before: hit.value, after: hit.value, effects: [], ms: 0, left: true });
  }

  /** Applies `change` to the stored case and saves it; retried on a lost race. */
  async mutate(caseId: string, change: (s: CaseState, now: Date) => Transition): Promise<Transition> {
    for (let attempt = 0; ; attempt++) {
      const hit = await this.repo.getCase(caseId);
      if (!hit) throw new CaseNotFoundError(caseId);
      const now = this.now();
      const resumed = resume(this.flow, hit.value, now);
      const started = performance.now();
      const t = change(resumed.state, now);
      const ms = performance.now() - started;
      try {
        // The pastes first: a case never points at a paste that was not stored.
        for (const p of t.newPastes ?? []) await this.repo.savePaste(p);
        if (t.state !== hit.value) await this.repo.saveCase(t.state, hit.etag);
        this.onChange?.({ before: hit.value, after: t.state, effects: t.effects, ms });
        return { state: t.state, effects: [...resumed.effects, ...t.effects] };
      } catch (e) {
        if (!(e instanceof ConflictError) || attempt >= 3) throw e;
      }
    }
  }
}

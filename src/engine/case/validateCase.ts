// Stored cases come back from disk or blob storage: check their shape before the machine trusts them.
import type { CaseState } from './caseTypes';

const STATUSES = new Set(['open', 'resolved', 'not-connector', 'escalate', 'cancelled']);

export function isCaseState(v: unknown): v is CaseState {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    typeof c.flowVersion === 'number' &&
    (c.branch === null || c.branch === 'A' || c.branch === 'B') &&
    (c.nodeId === null || typeof c.nodeId === 'string') &&
    typeof c.status === 'string' && STATUSES.has(c.status) &&
    Array.isArray(c.steps) &&
    Array.isArray(c.pastes) &&
    Array.isArray(c.findings) &&
    (c.confirmClose === undefined || typeof c.confirmClose === 'string') &&
    !!c.context && typeof c.context === 'object' &&
    typeof c.createdAt === 'string' &&
    typeof c.updatedAt === 'string'
  );
}

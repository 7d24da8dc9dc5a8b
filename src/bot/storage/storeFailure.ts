// Finds a storage failure inside an error that other code wrapped: the SDKs' wrappers keep the
// original in `.error` (botbuilder-dialogs' DialogContextError, when dialogs were in use) or
// `innerError`, others use `cause`. Without unwrapping, a full disk reached the user as the generic
// "something went wrong".
import { StoreUnavailableError } from './recordStore';

const MAX_DEPTH = 8;

export function storeFailureIn(e: unknown): StoreUnavailableError | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < MAX_DEPTH && cur && typeof cur === 'object'; depth++) {
    if (cur instanceof StoreUnavailableError) return cur;
    const o = cur as { error?: unknown; cause?: unknown; innerError?: unknown };
    cur = o.error ?? o.cause ?? o.innerError;
  }
  return undefined;
}

// Properties that belong to the whole turn (hashed tenant and user), attached to every event sent
// while the turn runs, including events from the case observer and background work it starts.
import { AsyncLocalStorage } from 'async_hooks';
import type { Props } from './telemetry';

const scope = new AsyncLocalStorage<Props>();

export function withTelemetryScope<T>(props: Props, fn: () => Promise<T>): Promise<T> {
  return scope.run(props, fn);
}

export function scopeProps(): Props {
  return scope.getStore() ?? {};
}

// Every activity, after authentication and before the bot: the tenant check (refused tenants touch
// no storage), the telemetry scope (hashed tenant and user on every event of the turn) and the
// `turn` event with its duration.
import { refuseTenant, tenantAllowed, tenantsOf, type GateTurn } from './tenantGate';
import { hashId } from './telemetry/hashing';
import type { Telemetry } from './telemetry/telemetry';
import { withTelemetryScope } from './telemetry/telemetryScope';

export interface TurnHandlerDeps<C extends GateTurn> {
  run(context: C): Promise<void>;
  telemetry: Telemetry;
  /** False when no telemetry is configured: the per-turn scope and hashes are then skipped. */
  telemetryOn: boolean;
  salt: string;
  allowedTenants: readonly string[];
}

export function turnHandler<C extends GateTurn>(deps: TurnHandlerDeps<C>): (context: C) => Promise<void> {
  const allowed = new Set(deps.allowedTenants.map((t) => t.toLowerCase()));
  if (!deps.telemetryOn) {
    // No telemetry: only the tenant check (the async scope would slow every promise of the turn).
    return async (context) => {
      if (!tenantAllowed(context.activity, allowed)) await refuseTenant(context);
      else await deps.run(context);
    };
  }
  return (context) => {
    const a = context.activity;
    const scope = { tenant: hashId(tenantsOf(a)[0], deps.salt), user: hashId(a.from?.id, deps.salt) };
    return withTelemetryScope(scope, async () => {
      const started = performance.now();
      let outcome = 'ok';
      try {
        if (!tenantAllowed(a, allowed)) {
          outcome = 'refused';
          await refuseTenant(context);
          return;
        }
        await deps.run(context);
      } catch (e) {
        outcome = 'error';
        throw e;
      } finally {
        const props = { activity: String(a.type ?? ''), conversationType: String(a.conversation?.conversationType ?? ''), outcome };
        deps.telemetry.event('turn', props, { turnMs: performance.now() - started });
      }
    });
  };
}

// Flow commands carry {{placeholders}} so one flow serves every tenant. Cards show them filled with
// the admin's own values where a paste taught us them, and otherwise with the same readable
// placeholders the fix commands use (fixes.ts), so a command never shows a raw {{...}}.
import { CONNECTOR_PLACEHOLDER, TENANT_PLACEHOLDER } from '../engine/fixes';
import type { CaseContext } from '../engine/types';

export const TEST_SENDER_PLACEHOLDER = '<mailbox@yourdomain>';

/** Values for each placeholder the flow may use (flowTypes.ts PasteNode.command). */
function values(ctx: CaseContext): Record<string, string> {
  return {
    tenantUrl: ctx.tenantUrl ?? TENANT_PLACEHOLDER,
    connectorUrl: ctx.connectorUrl ?? CONNECTOR_PLACEHOLDER,
    // v15 covers Exchange 2013 and later, the versions the connector is normally used with.
    registryVersion: ctx.exchangeRegistryVersion ?? 'v15',
    testSender: ctx.testSender ?? TEST_SENDER_PLACEHOLDER,
  };
}

/**
 * Replaces {{tenantUrl}}, {{connectorUrl}}, {{registryVersion}} and {{testSender}} (spaces inside
 * the braces allowed). Unknown names are left as they are, so a typo in the flow stays visible.
 */
export function fillPlaceholders(command: string, ctx: CaseContext): string {
  const v = values(ctx);
  // A replacer function, not a replacement string: values are inserted literally ($ and \ in them
  // would otherwise be read as replacement patterns).
  return command.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(v, name) ? v[name]! : whole));
}

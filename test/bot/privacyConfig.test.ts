// The new settings (ALLOWED_TENANTS, RETENTION_DAYS, telemetry) and the tenant rule on its own.
import * as assert from 'assert';
import { ConfigError, loadConfig } from '../../src/bot/config';
import { tenantAllowed } from '../../src/bot/tenantGate';
import { commandWord } from '../../src/dialogs/commands';

const isForgetMe = (t: string): boolean => commandWord(t) === 'forget-me';

const T1 = '6a1f3e2d-0b4c-4d5e-8f90-123456789abc';
const T2 = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('config: privacy and telemetry settings', () => {
  it('defaults: every tenant, 30 days, no telemetry', () => {
    const c = loadConfig({});
    assert.deepStrictEqual(c.allowedTenants, []);
    assert.strictEqual(c.retentionDays, 30);
    assert.deepStrictEqual(c.telemetry, { connectionString: '', salt: null, recordFile: '' });
  });

  it('reads ALLOWED_TENANTS separated by commas or spaces, lower-cased, once each', () => {
    assert.deepStrictEqual(loadConfig({ ALLOWED_TENANTS: ` ${T1.toUpperCase()}, ${T2} ;${T1}` }).allowedTenants, [T1, T2]);
  });

  it('refuses a tenant entry that is not a GUID (a typo must not lock everyone out silently)', () => {
    assert.throws(() => loadConfig({ ALLOWED_TENANTS: `${T1},contoso.onmicrosoft.com` }), (e: Error) => e instanceof ConfigError && /ALLOWED_TENANTS.*contoso\.onmicrosoft\.com/.test(e.message));
  });

  it('RETENTION_DAYS is a whole number of days from 1', () => {
    assert.strictEqual(loadConfig({ RETENTION_DAYS: '90' }).retentionDays, 90);
    for (const bad of ['0', '-1', '1.5', 'forever']) assert.throws(() => loadConfig({ RETENTION_DAYS: bad }), /RETENTION_DAYS/);
  });
});

describe('tenant rule', () => {
  const allowed = new Set([T1]);
  const activity = (conversationTenant?: string, channelTenant?: string) => ({
    conversation: { id: 'a:1', tenantId: conversationTenant, isGroup: false, name: '', conversationType: 'personal' },
    channelData: channelTenant ? { tenant: { id: channelTenant } } : {},
  });

  it('lets everyone in when the list is empty', () => {
    assert.ok(tenantAllowed(activity(), new Set()));
  });

  it('needs a listed tenant, in either place, and no other tenant named beside it', () => {
    assert.ok(tenantAllowed(activity(T1.toUpperCase()), allowed));
    assert.ok(tenantAllowed(activity(undefined, T1), allowed));
    assert.ok(tenantAllowed(activity(T1, T1), allowed));
    assert.ok(!tenantAllowed(activity(T2), allowed));
    assert.ok(!tenantAllowed(activity(), allowed));
    assert.ok(!tenantAllowed(activity(T1, T2), allowed));
  });
});

describe('forget me command', () => {
  it('is a whole message, not a word inside a paste', () => {
    for (const t of ['forget me', 'Forget me.', ' forget  me! ', '/forget me', 'delete my data']) assert.ok(isForgetMe(t), t);
    for (const t of ['please forget me', 'forget me not\nline 2', 'forget']) assert.ok(!isForgetMe(t), t);
  });
});

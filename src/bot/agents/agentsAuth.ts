// The bot's MicrosoftApp* settings (config.ts) as the Agents SDK's AuthConfiguration, so both hosts
// read the same variables. No app id: no clientId, which the SDK treats as anonymous (no token
// checked on requests, none sent to the connector) unless NODE_ENV=production.
import { AuthType, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { BotConfig } from '../config';

export function agentsAuth(config: Pick<BotConfig, 'appId' | 'appPassword' | 'appType' | 'appTenantId'>): AuthConfiguration {
  if (!config.appId) return {};
  switch (config.appType) {
    case 'UserAssignedMSI':
      // The managed identity's client id is the bot's app id; no secret.
      return { clientId: config.appId, tenantId: config.appTenantId, authType: AuthType.UserManagedIdentity };
    case 'SingleTenant':
      return { clientId: config.appId, clientSecret: config.appPassword, tenantId: config.appTenantId, authType: AuthType.ClientSecret };
    case 'MultiTenant':
      // Legacy multi-tenant registrations get their tokens from the botframework.com tenant.
      return { clientId: config.appId, clientSecret: config.appPassword, tenantId: config.appTenantId || 'botframework.com', authType: AuthType.ClientSecret };
  }
}

// Where escalations go: the channel a team member chose with "@IRM Doctor helpdesk here" (stored),
// or HELPDESK_CHANNEL_ID from the environment, which wins.
import type { HelpdeskChannelChoice } from '../../dialogs/ports/helpdeskPort';
import type { RecordStore } from '../storage/recordStore';

const SETTINGS = 'settings';
const KEY = 'helpdesk';

/** The stored choice (the conversation layer's port names its shape). */
export type HelpdeskSetting = HelpdeskChannelChoice;

export interface HelpdeskEnv {
  channelId: string | null;
  teamId: string | null;
}

export function helpdeskEnv(env: NodeJS.ProcessEnv = process.env): HelpdeskEnv {
  const channelId = (env.HELPDESK_CHANNEL_ID ?? '').trim() || null;
  const teamId = (env.HELPDESK_TEAM_ID ?? '').trim() || null;
  return { channelId, teamId };
}

export class HelpdeskSettings {
  constructor(private readonly store: RecordStore, private readonly env: HelpdeskEnv) {}

  /** HELPDESK_CHANNEL_ID, which wins over a channel chosen with "helpdesk here". */
  get envChannelId(): string | null {
    return this.env.channelId;
  }

  async set(s: HelpdeskSetting): Promise<void> {
    await this.store.put(SETTINGS, KEY, s, '*');
  }

  /**
   * The helpdesk channel, or null when none is configured. The environment's channel id wins; the
   * service URL (and bot id) then come from whoever is asking, as the channel lives in the same tenant.
   */
  async get(fallback: { serviceUrl: string; tenantId: string | null; botId: string }): Promise<HelpdeskSetting | null> {
    const stored = (await this.store.get<HelpdeskSetting>(SETTINGS, KEY))?.value ?? null;
    if (this.env.channelId) {
      const same = stored && stored.channelId === this.env.channelId ? stored : null;
      return {
        serviceUrl: same?.serviceUrl ?? fallback.serviceUrl,
        channelId: this.env.channelId,
        teamId: this.env.teamId ?? same?.teamId ?? null,
        tenantId: same?.tenantId ?? fallback.tenantId,
        botId: same?.botId ?? fallback.botId,
        channelName: same?.channelName ?? null,
        setBy: 'HELPDESK_CHANNEL_ID',
        timeZone: same?.timeZone ?? null,
        setAt: same?.setAt ?? new Date(0).toISOString(),
      };
    }
    return stored;
  }
}

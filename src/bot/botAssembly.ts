// Builds the bot from its parts: the stores, the conversation (src/dialogs) on the ports this edge
// implements, the helpdesk and the reminders. The HTTP server uses it, and so do the in-process
// conversation tests, which drive the same bot through botbuilder's TestAdapter. What differs by host
// (BOT_HOST) comes in as parts: the proactive transport and the factory of the host's bot.
import type { Storage } from 'botbuilder';
import type { Flow } from '../engine/flow/flowTypes';
import { CaseConversation } from '../dialogs/caseConversation';
import { CaseService } from '../dialogs/caseService';
import { EscalationDesk } from '../dialogs/escalationDesk';
import { ReminderDesk } from '../dialogs/reminderDesk';
import { HelpdeskService } from './helpdesk/helpdeskService';
import { HelpdeskSettings, type HelpdeskEnv } from './helpdesk/helpdeskSettings';
import { nudgeDelivery } from './helpdesk/ticketNudges';
import { TicketRepository } from './helpdesk/ticketRepository';
import type { BotFactory } from './irmDoctorBot';
import type { ProactiveTransport } from './proactive/proactiveSender';
import type { ReminderConfig } from './reminders/reminderConfig';
import { createReminderSystem, type ReminderSystem } from './reminders/reminderSystem';
import { CaseRepository } from './storage/caseRepository';
import { forgetUser } from './storage/forgetUser';
import type { RecordStore } from './storage/recordStore';
import { caseTelemetry } from './telemetry/caseTelemetry';
import { NO_TELEMETRY, type Telemetry } from './telemetry/telemetry';

export interface BotParts<B> {
  /** The host SDK's proactive sends (reminders, helpdesk threads and notices). */
  proactive: ProactiveTransport;
  /** The host's activity handler on the conversation. */
  makeBot: BotFactory<B>;
  store: RecordStore;
  flow: Flow;
  reminderConfig: ReminderConfig;
  /** Back-off before the first retry of a failed proactive send (CONNECTOR_RETRY_BASE_MS); the default when absent. */
  retryBaseMs?: number;
  helpdeskEnv: HelpdeskEnv;
  telemetry?: Telemetry;
  /** False (or absent): no telemetry sink, so no case events are derived at all. */
  telemetryOn?: boolean;
  /** Dialog state an earlier version stored: `forget me` deletes it too. */
  legacyBotState?: Storage;
  /** Told of every storage failure a turn meets (/healthz reports it). */
  onStoreFailure?: (e: Error) => void;
}

export interface AssembledBot<B> {
  bot: B;
  repo: CaseRepository;
  cases: CaseService;
  helpdesk: HelpdeskService;
  reminders: ReminderSystem;
  escalation: EscalationDesk;
}

export function assembleBot<B>(p: BotParts<B>): AssembledBot<B> {
  const telemetry = p.telemetry ?? NO_TELEMETRY;
  const repo = new CaseRepository(p.store);
  // Without a telemetry sink there is nothing to derive case events for.
  const cases = new CaseService(repo, p.flow, undefined, p.telemetryOn ? caseTelemetry(telemetry, p.flow) : undefined);
  const reminders = createReminderSystem(p.proactive, p.store, repo, p.flow, p.reminderConfig, telemetry, p.retryBaseMs);
  const helpdesk = new HelpdeskService({
    tickets: new TicketRepository(p.store), settings: new HelpdeskSettings(p.store, p.helpdeskEnv), cases: repo, flow: p.flow,
    sender: reminders.sender, reminders: reminders.repo, reminderConfig: p.reminderConfig, telemetry,
  });
  const nudges = nudgeDelivery(helpdesk);
  reminders.deliverers.set('ticket-unclaimed', nudges);
  reminders.deliverers.set('info-requested', nudges);
  const escalation = new EscalationDesk(helpdesk, reminders.sender, cases, repo);
  const conversation = new CaseConversation(cases, repo, new ReminderDesk(reminders.repo, cases), escalation);
  const bot = p.makeBot(conversation, repo, helpdesk, { telemetry, forget: (userId) => forgetUser(p.store, userId, new Date(), p.legacyBotState), onStoreFailure: p.onStoreFailure });
  return { bot, repo, cases, helpdesk, reminders, escalation };
}

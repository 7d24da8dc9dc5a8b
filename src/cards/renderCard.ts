// Expands a card template (templates/*.json, adaptivecards-templating syntax) with view data.
// Templates hold the layout; view data (viewModels.ts) holds every string, so text from pastes and
// commands ($true, backslashes, quotes, even "${") is inserted as a value and never parsed as syntax.
import { GlobalSettings, Template } from 'adaptivecards-templating';
import diagnosis from './templates/diagnosis.json';
import escalation from './templates/escalation.json';
import node from './templates/node.json';
import notice from './templates/notice.json';
import outcome from './templates/outcome.json';
import reminder from './templates/reminder.json';
import reminders from './templates/reminders.json';
import reprompt from './templates/reprompt.json';
import summary from './templates/summary.json';
import ticket from './templates/ticket.json';
import tickets from './templates/tickets.json';
import welcome from './templates/welcome.json';

/** An Adaptive Card as plain JSON. */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  body: Record<string, unknown>[];
  actions?: Record<string, unknown>[];
  [key: string]: unknown;
}

const TEMPLATES = { diagnosis, escalation, node, notice, outcome, reminder, reminders, reprompt, summary, ticket, tickets, welcome } as const;
export type TemplateName = keyof typeof TEMPLATES;

/** A template bound a field the view data does not have: a bug in a template or a view model. */
export class CardTemplateError extends Error {}

// Parsing a template is the costly part; the parsed Template is reusable across expansions.
const parsed = new Map<TemplateName, Template>();

function templateOf(name: TemplateName): Template {
  let t = parsed.get(name);
  if (!t) {
    t = new Template(TEMPLATES[name]);
    parsed.set(name, t);
  }
  return t;
}

export function renderCard(name: TemplateName, data: object): AdaptiveCardJson {
  // The engine leaves a binding to a missing field in the card as literal "${field}". Catch it
  // instead: every view model field is required, so a miss is a typo that must fail loudly (tests
  // render every template). Expansion is synchronous, so swapping the global hook is safe.
  const missing: string[] = [];
  const previous = GlobalSettings.getUndefinedFieldValueSubstitutionString;
  GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => {
    missing.push(path);
    return '';
  };
  let card: AdaptiveCardJson;
  try {
    card = templateOf(name).expand({ $root: data }) as AdaptiveCardJson;
  } finally {
    GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
  }
  if (missing.length > 0) throw new CardTemplateError(`card template "${name}": no data for ${[...new Set(missing)].join(', ')}`);
  // An actions list whose items were all bound to an empty array expands to []: leave it out.
  if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
  return card;
}

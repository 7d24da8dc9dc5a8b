// The RMS connector's Application-log events (seed step 5): parse in parsers/, judge in rules/.
import { parseConnectorEvents } from '../parsers/connectorEvents';
import { detectConnectorEvents } from '../parsers/connectorEventsDetect';
import type { ConnectorEventsFacts } from '../parsers/connectorEventsFacts';
import { connectorEventsNext, connectorEventsRules, mergeConnectorEvents } from '../rules/connectorEventsRules';
import type { KindModule } from '../types';
import { restoreLines } from '../unflatten/eventText';

/**
 * The normaliser restores flattened pastes; a paste that reaches us still on one long line (a prompt
 * and its flattened output, say) gets the event shapes' own restoration here. Cheap: one indexOf.
 */
function unflat(text: string): string {
  return text.length > 80 && text.indexOf('\n') === -1 ? (restoreLines(text) ?? text) : text;
}

export const connectorEvents: KindModule<ConnectorEventsFacts> = {
  kind: 'connector-events',
  findingIds: [
    'events.1002-present',
    'events.no-1002',
    'events.connected-no-1002',
    'events.2000',
    'events.2001',
    'events.2002',
    'events.2003',
    'events.3000',
    'events.3000-ssl-inspection',
    'events.3001',
    'events.1004-present',
    'events.1000',
    'events.1001',
    'events.1003',
    'events.undocumented',
    'events.none',
    'events.nodes-differ',
    'events.messages-truncated',
  ],
  detect: (text) => detectConnectorEvents(unflat(text)),
  parse: (text) => parseConnectorEvents(unflat(text)),
  rules: connectorEventsRules,
  merge: mergeConnectorEvents,
  next: connectorEventsNext,
};

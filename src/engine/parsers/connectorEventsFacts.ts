// What the connector-event reader learns from a paste: the facts the rules judge and the cards show.
// Kept apart from the reader (connectorEvents.ts) so the rules depend on the shape, not on how it is read.

export type EventFormat =
  | 'get-winevent-table'
  | 'get-winevent-list'
  | 'get-eventlog-table'
  | 'get-eventlog-list'
  | 'wevtutil-text'
  | 'event-viewer-text'
  | 'event-xml'
  | 'event-viewer-csv'
  | 'export-csv'
  | 'message-text'
  | 'mixed'
  | 'unknown';

export interface ConnectorEvent {
  id: number;
  level: string;
  time: string | null;
  /** Trimmed, capped at MESSAGE_CAP characters; table formats end it with "..." (PowerShell truncates). */
  message: string;
  documented: boolean;
}

export interface ConnectorNode {
  /** From Computer / MachineName, else from a `=== RMSCON01 ===` header, else null (unknown). */
  name: string | null;
  /** At most EVENTS_PER_ID per id (the latest ones when the paste's order can be told). */
  events: ConnectorEvent[];
  /** Every connector event seen on this node, by id. */
  counts: Record<string, number>;
}

export interface ConnectorEventsFacts {
  format: EventFormat;
  nodes: ConnectorNode[];
  connectorEventCount: number;
  /** Events of other providers/sources that were skipped. */
  otherEventCount: number;
  undocumentedIds: number[];
  /** A table format cut the connector messages with "..." (details such as accounts are lost). */
  messagesTruncated: boolean;
  /** Get-WinEvent / Get-EventLog said that nothing matched the filter. */
  noMatchError: boolean;
}

/** Longest connector message kept, in characters. */
export const MESSAGE_CAP = 2048;
/** Events kept per event id and node. */
export const EVENTS_PER_ID = 50;

// One event as any of the event-log shapes yields it, before it is judged to be the connector's.

export interface EventRecord {
  /** Source / ProviderName as printed (table columns may cut it); null when the shape does not say. */
  provider: string | null;
  id: number;
  level: string | null;
  time: string | null;
  machine: string | null;
  message: string;
}

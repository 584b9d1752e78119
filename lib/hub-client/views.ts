/** One outbox row as the options page shows it: the event exactly as sent, and its fate. */
import type { HubEvent } from '../hub/wire';

export interface OutboxView {
  event: HubEvent;
  state: 'queued' | 'sent' | 'refused';
  queuedAt: number;
  sentAt?: number;
  /** The hub's reason, for a refused event. */
  problem?: string;
}

/**
 * The Dexie database. Only the background service worker opens it: content scripts would
 * open the CRM origin's IndexedDB, and framed extension pages are refused IndexedDB in
 * Chromium (measured here), so everything else goes through lib/messaging.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { Run } from '../engine/run';
import type { Pack } from '../pack/schema';
import type { AckRow } from '../packs/acks';
import type { SubState } from '../packs/fetch-policy';
import type { FollowUp } from '../followups/schema';
import { installFaults } from './faults';

export interface StoredPack {
  id: string;
  version: number;
  pack: Pack;
  /** Where it came from: shipped with the extension, a subscription URL, or a file import. */
  source: 'bundled' | 'url' | 'file';
  installedAt: number;
  /** Key id of the team lead's key that signed it, when signed. */
  keyId?: string;
  sequence?: number;
  /** When the signature stops vouching for it (ms since the epoch), when the team lead set one. */
  expiresAt?: number;
}

export interface KvRow {
  key: string;
  value: unknown;
}

/** One pack URL's fetch state (ETag, schedule, last error); see lib/packs/fetch-policy.ts. */
export type SubscriptionRow = SubState;
export type { AckRow };

export class CuecardDb extends Dexie {
  runs!: EntityTable<Run, 'id'>;
  packs!: Dexie.Table<StoredPack, [string, number]>;
  kv!: EntityTable<KvRow, 'key'>;
  subscriptions!: EntityTable<SubscriptionRow, 'url'>;
  acks!: Dexie.Table<AckRow, [string, number, string, string]>;
  followups!: EntityTable<FollowUp, 'id'>;

  constructor(name = 'cuecard') {
    super(name);
    // Keep every version() declaration while users may still have that schema; add
    // data migrations with .upgrade() in a new version.
    this.version(1).stores({
      runs: 'id, status, updatedAt',
      packs: '[id+version], id',
      kv: 'key',
    });
    // v2: pack subscriptions and phrase acknowledgements. New tables only, so no upgrade():
    // runs, packs and settings carry over as they are (lib/db/migrate.test.ts).
    this.version(2).stores({
      subscriptions: 'url',
      acks: '[packId+version+procedureId+phraseId], [packId+version]',
    });
    // v3: the agent's follow-ups (entrypoints/background/followups.ts). A new table only;
    // everything else carries over (entrypoints/background/followups.test.ts opens a v2 database).
    this.version(3).stores({
      followups: 'id, status, dueAt',
    });
  }
}

let instance: CuecardDb | undefined;
/** The one database handle of the background. */
export function db(): CuecardDb {
  if (!instance) {
    instance = new CuecardDb();
    installFaults(instance);
  }
  return instance;
}

/**
 * The Dexie database. Only the background service worker opens it: content scripts would
 * open the CRM origin's IndexedDB, and framed extension pages are refused IndexedDB in
 * Chromium (measured here), so everything else goes through lib/messaging.
 */
import Dexie, { type EntityTable, type PromiseExtended, type Transaction } from 'dexie';
import { browser } from 'wxt/browser';
import type { Run } from '../engine/run';
import type { Pack } from '../pack/schema';
import type { AckRow } from '../distribution/acks';
import type { SubState } from '../distribution/fetch-policy';
import type { FollowUp } from '../followups/schema';
import type { BrokenAnchor } from '../context/broken-anchors';
import type { KeptValues } from '../context/kept';
import type { StepStat } from '../coaching/fade';
import type { OutboxRow } from './outbox-repo';
import { installFaults } from './faults';
import { hasLegacy, legacyRows, storageLocalSource, type LegacySource } from './legacy-local';

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

/** One pack URL's fetch state (ETag, schedule, last error); see lib/distribution/fetch-policy.ts. */
export type SubscriptionRow = SubState;
export type { AckRow };

export class CuecardDb extends Dexie {
  runs!: EntityTable<Run, 'id'>;
  packs!: Dexie.Table<StoredPack, [string, number]>;
  kv!: EntityTable<KvRow, 'key'>;
  subscriptions!: EntityTable<SubscriptionRow, 'url'>;
  acks!: Dexie.Table<AckRow, [string, number, string, string]>;
  followups!: EntityTable<FollowUp, 'id'>;
  brokenAnchors!: Dexie.Table<BrokenAnchor, BrokenKey>;
  kept!: EntityTable<KeptValues, 'runId'>;
  /** Per-step counts for fading guidance (lib/coaching/fade.ts); counts only, no customer data. */
  stepStats!: Dexie.Table<StepStat, [string, string, string]>;
  outbox!: EntityTable<OutboxRow, 'id'>;

  /** The storage.local values read before opening (see lib/db/legacy-local.ts). */
  private legacy: Record<string, unknown> | undefined;
  private legacyRead: Promise<void> | undefined;
  /** What the last migration could not carry over (for tests and diagnostics). */
  legacyDropped: string[] = [];

  constructor(
    name = 'cuecard',
    private readonly legacySource?: LegacySource,
  ) {
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
    // v3: the agent's follow-ups (lib/background/followups.ts). A new table only;
    // everything else carries over (entrypoints/background/listeners.test.ts opens a v2 database).
    this.version(3).stores({
      followups: 'id, status, dueAt',
    });
    // v4: broken anchors and kept page values move in from chrome.storage.local, so every
    // stored thing has a schema and deleting a run is one transaction. upgrade() (an existing
    // database) and populate (a database created now, e.g. after it was deleted) both import
    // the rows read before opening; lib/db/migrate-v4.test.ts opens a v3 fixture.
    this.version(4)
      .stores({
        brokenAnchors: '[packId+packVersion+procedureId+stepId+index+page], lastSeen',
        kept: 'runId, at',
      })
      .upgrade((tx) => this.importLegacy(tx));
    // v5 (issue 11): the team hub's outbox (lib/db/outbox-repo.ts). A new table only; the
    // events it holds are built from runs and acks as they happen, never from old data.
    this.version(5).stores({
      outbox: 'id, origin, [state+queuedAt], queuedAt',
    });
    // v6 (issue 13.3): per-agent, per-step counts for fading guidance. A new table only.
    this.version(6).stores({
      stepStats: '[packId+procedureId+stepId], packId',
    });
    this.on('populate', (tx) => this.importLegacy(tx));
  }

  private importLegacy(tx: Transaction) {
    if (!this.legacy) return;
    const rows = legacyRows(this.legacy);
    this.legacyDropped = rows.dropped;
    // Only IndexedDB requests, chained as Dexie promises: anything else would end the
    // versionchange transaction, and populate follows only Dexie promises (a native async
    // function's failure would go unnoticed and the open would succeed half-done).
    return tx
      .table('brokenAnchors')
      .bulkPut(rows.brokenAnchors)
      .then(() => tx.table('kept').bulkPut(rows.kept));
  }

  /**
   * Reads the legacy values first (the one await that must happen outside IndexedDB), then
   * opens; once the open (and any upgrade) committed, the legacy keys are removed. A failed
   * read opens without them and removes nothing, so they are still there for a later look.
   */
  override open(): PromiseExtended<this> {
    const source = this.legacySource;
    if (!source) return super.open() as PromiseExtended<this>;
    this.legacyRead ??= source.read().then(
      (raw) => void (this.legacy = hasLegacy(raw) ? raw : undefined),
      () => void (this.legacy = undefined),
    );
    return Dexie.Promise.resolve(this.legacyRead)
      .then(() => super.open())
      .then(async (opened) => {
        if (this.legacy && this.verno >= 4) {
          this.legacy = undefined;
          await source.clear().catch(() => undefined);
        }
        return opened as this;
      });
  }
}

type BrokenKey = [string, number, string, string, number, string];

let instance: CuecardDb | undefined;
/** The one database handle of the background. */
export function db(): CuecardDb {
  if (!instance) {
    instance = new CuecardDb('cuecard', storageLocalSource(browser.storage.local));
    installFaults(instance);
  }
  return instance;
}

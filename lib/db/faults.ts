/**
 * Fault injection for the e2e suite, compiled into the demo build only (`__CUECARD_DEMO__`
 * is a build-time constant; the production bundle must not contain this, and
 * test/static/check-build.mjs greps for it). A test evaluates, in the service worker:
 *   globalThis.__cuecardFaults.failWrites(3, 'QuotaExceededError')
 * and the next 3 writes fail inside Dexie's own path, the way a full disk fails them
 * (failReads: the way a damaged database fails reads).
 */
import type Dexie from 'dexie';

declare const __CUECARD_DEMO__: boolean;

export interface Faults {
  /** Make the next `count` writes (put/add/delete) throw a DOMException named `name`. */
  failWrites(count: number, name?: string): void;
  /** Make the next `count` reads (get/query/cursor/count) throw a DOMException named `name`. */
  failReads(count: number, name?: string): void;
  /** Writes and reads still set to fail. */
  pending(): { writes: number; reads: number };
}

export function installFaults(db: Dexie): void {
  // typeof: unit tests run this file without Vite's define.
  if (typeof __CUECARD_DEMO__ === 'undefined' || !__CUECARD_DEMO__) return;
  const left = { writes: 0, reads: 0 };
  const names = { writes: 'QuotaExceededError', reads: 'UnknownError' };
  const faults: Faults = {
    failWrites(count, name = 'QuotaExceededError') {
      left.writes = count;
      names.writes = name;
    },
    failReads(count, name = 'UnknownError') {
      left.reads = count;
      names.reads = name;
    },
    pending: () => ({ ...left }),
  };
  (globalThis as { __cuecardFaults?: Faults }).__cuecardFaults = faults;
  /** Runs `op`, unless a fault of this kind is due: then fails the way IndexedDB does. */
  const guard = <T>(kind: 'writes' | 'reads', table: string, op: () => Promise<T>): Promise<T> => {
    if (left[kind] <= 0) return op();
    left[kind]--;
    return Promise.reject(new DOMException(`Injected ${names[kind]} ${kind === 'writes' ? 'writing' : 'reading'} "${table}"`, names[kind]));
  };
  db.use({
    stack: 'dbcore',
    name: 'cuecard-faults',
    create: (down) => ({
      ...down,
      table(tableName) {
        const t = down.table(tableName);
        return {
          ...t,
          mutate: (req) => guard('writes', tableName, () => t.mutate(req)),
          get: (req) => guard('reads', tableName, () => t.get(req)),
          getMany: (req) => guard('reads', tableName, () => t.getMany(req)),
          query: (req) => guard('reads', tableName, () => t.query(req)),
          openCursor: (req) => guard('reads', tableName, () => t.openCursor(req)),
          count: (req) => guard('reads', tableName, () => t.count(req)),
        };
      },
    }),
  });
}

/**
 * Fault injection for the e2e suite, compiled into the demo build only (`__CUECARD_DEMO__`
 * is a build-time constant; the production bundle must not contain this, and
 * test/static/check-build.mjs greps for it). A test evaluates, in the service worker:
 *   globalThis.__cuecardFaults.failWrites(3, 'QuotaExceededError')
 * and the next 3 writes fail inside Dexie's own write path, the way a full disk fails them.
 */
import type Dexie from 'dexie';

declare const __CUECARD_DEMO__: boolean;

export interface Faults {
  /** Make the next `count` writes (put/add/delete) throw a DOMException named `name`. */
  failWrites(count: number, name?: string): void;
  /** Writes still set to fail. */
  pending(): number;
}

export function installFaults(db: Dexie): void {
  // typeof: unit tests run this file without Vite's define.
  if (typeof __CUECARD_DEMO__ === 'undefined' || !__CUECARD_DEMO__) return;
  let left = 0;
  let errorName = 'QuotaExceededError';
  const faults: Faults = {
    failWrites(count, name = 'QuotaExceededError') {
      left = count;
      errorName = name;
    },
    pending: () => left,
  };
  (globalThis as { __cuecardFaults?: Faults }).__cuecardFaults = faults;
  db.use({
    stack: 'dbcore',
    name: 'cuecard-faults',
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        return {
          ...table,
          mutate(req) {
            if (left <= 0) return table.mutate(req);
            left--;
            return Promise.reject(new DOMException(`Injected ${errorName} writing "${tableName}"`, errorName));
          },
        };
      },
    }),
  });
}

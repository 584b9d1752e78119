/**
 * The one thing the hub needs of a database: `query(sql, params)` and a transaction on one
 * connection. Two adapters over the same SQL: PGlite (embedded, one process, in a data
 * folder or in memory) and node-postgres (a real server, shared by several hubs).
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements, no parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  kind: 'pglite' | 'postgres';
  /** Runs `fn` in BEGIN … COMMIT on one connection; a throw rolls back. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PGlite in `dataDir` (created if missing), or in memory when undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = new PGlite(dataDir);
  await pg.waitReady;
  const query = async <T>(sql: string, params?: unknown[]) => (await pg.query<T>(sql, params)).rows;
  return {
    kind: 'pglite',
    query,
    exec: async (sql) => void (await pg.exec(sql)),
    // PGlite is one connection; its transaction() serialises with other queries.
    tx: (fn) =>
      pg.transaction((t) =>
        fn({ query: async <T>(sql: string, params?: unknown[]) => (await t.query<T>(sql, params)).rows, exec: async (sql) => void (await t.exec(sql)) }),
      ),
    close: () => pg.close(),
  };
}

export async function openPostgres(url: string, opts: { max?: number; schema?: string } = {}): Promise<Db> {
  const { default: pg } = await import('pg');
  // BIGINT (int8) comes back as a string by default; our counts and epoch ms fit a double.
  pg.types.setTypeParser(20, (s) => Number(s));
  // JIT off: the hub's queries are index lookups over roll-ups, tens of ms each, and
  // PostgreSQL's JIT (on by estimated cost) spent longer compiling them than running them
  // (300 ms of a 345 ms dashboard query at 10,000 agents, test/bench/hub-bench.ts).
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // A schema per test run keeps parallel test files apart on one database. (Options in
    // the URL, such as the bench's search_path, win over these.)
    options: ['-c jit=off', ...(opts.schema ? [`-c search_path=${opts.schema}`] : [])].join(' '),
    // A database that does not answer fails the request (503, nothing stored) within 5 s
    // instead of holding it until the operating system gives up on the connection.
    connectionTimeoutMillis: 5000,
  });
  // A restart or a network cut drops the pool's idle connections, and node-postgres reports
  // that on the pool: unheard, the event would end the hub process. The pool discards those
  // connections itself and opens new ones once the database is back; requests in between
  // get a 503 and the extension sends them again.
  pool.on('error', (err) => console.error(`cuecard hub: lost a database connection (${err.message}); reconnecting on the next request`));
  if (opts.schema) {
    const c = await pool.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } finally {
      c.release();
    }
  }
  return {
    kind: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
    exec: async (sql) => void (await pool.query(sql)),
    async tx(fn) {
      const c = await pool.connect();
      let broken: Error | undefined;
      try {
        await c.query('BEGIN');
        const out = await fn({
          query: async <T>(sql: string, params?: unknown[]) => (await c.query(sql, params)).rows as T[],
          exec: async (sql) => void (await c.query(sql)),
        });
        await c.query('COMMIT');
        return out;
      } catch (e) {
        // A connection that cannot even roll back is dead: destroy it rather than pool it.
        await c.query('ROLLBACK').catch((err: Error) => (broken = err));
        throw e;
      } finally {
        c.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** DATABASE_URL wins; otherwise PGlite in the data folder. */
export function openDb(opts: { databaseUrl?: string; dataDir?: string }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

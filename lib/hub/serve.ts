/**
 * Puts the hub on a socket: open the database (PostgreSQL from DATABASE_URL, else PGlite in
 * the data folder), migrate, listen. Returns a handle so tests and the CLI can stop it.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createHubApp } from './app';
import type { HubConfig } from './config';
import { openDb, type Db } from './db';
import { migrate } from './migrate';

export interface StartOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  config: HubConfig;
  now?: () => number;
}

export interface RunningHub {
  url: string;
  db: Db;
  applied: string[];
  close(): Promise<void>;
}

export async function startHub(opts: StartOptions): Promise<RunningHub> {
  const db = await openDb({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  const applied = await migrate(db);
  const app = createHubApp({ db, now: opts.now ?? Date.now, config: opts.config });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    db,
    applied,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}

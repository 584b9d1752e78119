/**
 * Shared set-up for hub tests: a fresh database per test on each backend (PGlite in
 * memory; PostgreSQL in a schema of its own when TEST_DATABASE_URL is set), a hub app
 * over it with a fake clock, and signed releases of the team fixture pack.
 */
import { randomBytes } from 'node:crypto';
import { createApiKey, createEnrolToken } from '../../lib/hub/accounts';
import { createHubApp } from '../../lib/hub/app';
import { DEFAULT_CONFIG, type HubConfig } from '../../lib/hub/config';
import { openPglite, openPostgres, type Db } from '../../lib/hub/db';
import { migrate } from '../../lib/hub/migrate';
import { generateSigningKey, signPack } from '../../lib/pack/sign';
import { teamPack } from '../../lib/distribution/fixtures';

export const PG_URL = process.env.TEST_DATABASE_URL;
/** Printed once by a skipped suite, so a green run without PostgreSQL is not mistaken for coverage. */
export const PG_SKIP_NOTE =
  'PostgreSQL store tests skipped: TEST_DATABASE_URL is not set (start one with: export TEST_DATABASE_URL="$(sh test/hub/pg-start.sh)")';

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<{ db: Db; drop(): Promise<void> }>;
}

export const BACKENDS: Backend[] = [
  {
    name: 'pglite',
    open: async () => {
      const db = await openPglite();
      return { db, drop: () => db.close() };
    },
  },
  ...(PG_URL
    ? [
        {
          name: 'postgres' as const,
          open: async () => {
            const schema = `hub_test_${randomBytes(6).toString('hex')}`;
            const db = await openPostgres(PG_URL, { schema, max: 4 });
            return {
              db,
              drop: async () => {
                await db.query(`DROP SCHEMA ${schema} CASCADE`);
                await db.close();
              },
            };
          },
        },
      ]
    : []),
];

export class Clock {
  constructor(public t = Date.parse('2026-12-01T09:00:00Z')) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

export async function signingKey() {
  return generateSigningKey();
}

export async function signedTeamPack(privateKey: string, version: 1 | 2, sequence: number, opts: { expiresAt?: number; signedAt?: number } = {}) {
  return signPack(teamPack(version), privateKey, { sequence, ...opts });
}

export async function hubFor(db: Db, clock: Clock, config: Partial<HubConfig> = {}) {
  await migrate(db);
  const key = await generateSigningKey();
  const app = createHubApp({ db, now: clock.now, config: { ...DEFAULT_CONFIG, trustedKeys: [{ publicKey: key.publicKey }], ...config } });
  const api = await createApiKey(db, 'test', clock.now());
  const enrol = await createEnrolToken(db, 'team-a', clock.now());
  const auth = { Authorization: `Bearer ${api.key}` };
  return { app, key, apiKey: api.key, auth, enrolToken: enrol.token, enrolTokenId: enrol.id };
}

let counter = 0;
/** A fresh event id: 8+ url-safe characters. */
export const eventId = () => `ev_${(++counter).toString(36).padStart(6, '0')}_${randomBytes(4).toString('hex')}`;

export function runEvent(over: Record<string, unknown> = {}) {
  return {
    id: eventId(),
    type: 'run',
    at: Date.parse('2026-12-01T09:30:00Z'),
    packId: 'acme.team-b',
    version: 1,
    procedureId: 'callback',
    channel: 'phone',
    path: [
      { stepId: 'open', ms: 20_000 },
      { stepId: 'close', ms: 5_000 },
    ],
    skipped: [],
    outcome: 'finished',
    ...over,
  };
}

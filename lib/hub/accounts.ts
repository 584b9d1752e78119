/**
 * Who may do what on the hub: dashboard users and their sessions, API keys for the CLI,
 * per-team enrolment tokens, and enrolled agents. Secrets are returned once, stored hashed.
 */
import type { Queryable } from './db';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets';

export const SESSION_MS = 12 * 3600_000;

let dummyHash: Promise<string> | undefined;
const unknownUserHash = () => (dummyHash ??= hashPassword(randomToken(16)));

export async function addUser(db: Queryable, email: string, password: string, now: number): Promise<void> {
  if (password.length < 10) throw new Error('the password must be at least 10 characters');
  await db.query(
    'INSERT INTO users (email, password_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash',
    [email.toLowerCase(), await hashPassword(password), now],
  );
}

export async function checkLogin(db: Queryable, email: string, password: string): Promise<boolean> {
  const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [email.toLowerCase()]);
  // An unknown user costs one scrypt too (against a hash made once), so timing does not tell
  // which emails exist: hashing a fresh one here as well cost twice a known user's check.
  if (!row) return (await verifyPassword(password, await unknownUserHash())) && false;
  return verifyPassword(password, row.password_hash);
}

export async function createSession(db: Queryable, email: string, now: number): Promise<{ token: string; csrf: string }> {
  const token = randomToken(32);
  const csrf = randomToken(24);
  await db.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
  await db.query('INSERT INTO sessions (token_hash, email, csrf, expires_at) VALUES ($1, $2, $3, $4)', [
    sha256(token),
    email.toLowerCase(),
    csrf,
    now + SESSION_MS,
  ]);
  return { token, csrf };
}

export async function getSession(db: Queryable, token: string, now: number): Promise<{ email: string; csrf: string } | undefined> {
  const [row] = await db.query<{ email: string; csrf: string }>('SELECT email, csrf FROM sessions WHERE token_hash = $1 AND expires_at > $2', [
    sha256(token),
    now,
  ]);
  return row;
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)]);
}

/** An API key `ck_<id>_<secret>`: the id names it in lists and revocation. */
export async function createApiKey(db: Queryable, label: string, now: number): Promise<{ id: string; key: string }> {
  const id = randomToken(6);
  const key = `ck_${id}_${randomToken(24)}`;
  await db.query('INSERT INTO api_keys (id, key_hash, label, created_at) VALUES ($1, $2, $3, $4)', [id, sha256(key), label, now]);
  return { id, key };
}

export async function checkApiKey(db: Queryable, key: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [sha256(key)]);
  return rows.length > 0;
}

export async function createEnrolToken(db: Queryable, team: string, now: number): Promise<{ id: string; token: string }> {
  const id = randomToken(6);
  const token = `ce_${id}_${randomToken(24)}`.replace(/[^A-Za-z0-9_-]/g, '');
  await db.query('INSERT INTO enrol_tokens (id, token_hash, team, created_at) VALUES ($1, $2, $3, $4)', [id, sha256(token), team, now]);
  return { id, token };
}

/** Revokes an enrolment token or an API key by id; false when there is none to revoke. */
export async function revoke(db: Queryable, kind: 'token' | 'key', id: string, now: number): Promise<boolean> {
  const table = kind === 'token' ? 'enrol_tokens' : 'api_keys';
  const rows = await db.query(`UPDATE ${table} SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, now]);
  return rows.length > 0;
}

export async function listTokens(db: Queryable): Promise<{ id: string; team: string; created_at: number; revoked_at: number | null }[]> {
  return db.query('SELECT id, team, created_at, revoked_at FROM enrol_tokens ORDER BY created_at');
}

/**
 * Enrols (or re-enrols) an agent: a new credential and feed id each time, so a lost or
 * leaked credential is replaced by enrolling again. Undefined when the token is not valid.
 */
export async function enrolAgent(
  db: Queryable,
  token: string,
  agentId: string,
  now: number,
): Promise<{ team: string; credential: string; feedId: string } | undefined> {
  const [tok] = await db.query<{ team: string }>('SELECT team FROM enrol_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [sha256(token)]);
  if (!tok) return undefined;
  const credential = `ca_${randomToken(24)}`;
  const feedId = randomToken(16);
  await db.query(
    `INSERT INTO agents (agent_id, team, credential_hash, feed_id, enrolled_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (agent_id) DO UPDATE SET team = EXCLUDED.team, credential_hash = EXCLUDED.credential_hash, feed_id = EXCLUDED.feed_id, enrolled_at = EXCLUDED.enrolled_at`,
    [agentId, tok.team, sha256(credential), feedId, now],
  );
  return { team: tok.team, credential, feedId };
}

export interface Agent {
  agent_id: string;
  team: string;
}

export async function agentByCredential(db: Queryable, credential: string): Promise<Agent | undefined> {
  const [row] = await db.query<Agent>('SELECT agent_id, team FROM agents WHERE credential_hash = $1', [sha256(credential)]);
  return row;
}

export async function agentByFeed(db: Queryable, feedId: string): Promise<Agent | undefined> {
  const [row] = await db.query<Agent>('SELECT agent_id, team FROM agents WHERE feed_id = $1', [feedId]);
  return row;
}

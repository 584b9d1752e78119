/**
 * `cuecard hub …`: run the hub, and manage what only the hub's operator may create (API
 * keys, enrolment tokens, dashboard users) directly in its database.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { addUser, createApiKey, createEnrolToken, listTokens, revoke } from '../hub/accounts';
import { DEFAULT_CONFIG } from '../hub/config';
import { openDb, type Db } from '../hub/db';
import { migrate } from '../hub/migrate';
import { startHub } from '../hub/serve';
import { positiveInteger, required, type Command, type Options, type Values } from './command';
import { EXIT, UsageError, type CliContext } from './context';

const DB_OPTIONS: Options = { data: { type: 'string' } };
const DB_HELP = `  --data DIR   the hub's data folder (default: ./cuecard-hub-data); ignored when the
               environment variable DATABASE_URL names a PostgreSQL database`;

const dataDir = (values: Values, ctx: CliContext) => resolve(ctx.cwd, typeof values.data === 'string' ? values.data : 'cuecard-hub-data');

async function withDb<T>(values: Values, ctx: CliContext, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: dataDir(values, ctx) });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function trustedKeys(values: Values, ctx: CliContext) {
  const files = (values.trust as string[] | undefined) ?? [];
  const fromEnv = (process.env.CUECARD_HUB_TRUSTED_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const fromFiles = files.map((f) => {
    try {
      return readFileSync(resolve(ctx.cwd, f), 'utf8').trim();
    } catch {
      throw new UsageError(`--trust ${f}: cannot read the public key file`);
    }
  });
  return [...fromFiles, ...fromEnv].map((publicKey) => ({ publicKey }));
}

export const hubServeCommand: Command = {
  name: 'serve',
  usage: 'cuecard hub [--port N] [--host ADDR] [--data DIR] [--trust KEY.pub]... [--show-individuals] [--public-url URL] [--secure-cookies]',
  summary: 'run the Cuecard hub (dashboard, pack feed, agent reports)',
  help: `Starts the hub. With no DATABASE_URL it keeps everything in an embedded database in
the data folder: nothing else to install. With DATABASE_URL=postgres://… it uses that
PostgreSQL database; several hubs can then run behind one load balancer.

Options:
  --port N            port to listen on (default 8787; 0: any free port)
  --host ADDR         address to listen on (default 127.0.0.1; 0.0.0.0 for all)
${DB_HELP}
  --trust KEY.pub     a public key whose signed packs may be published (repeatable;
                      also CUECARD_HUB_TRUSTED_KEYS=key1,key2)
  --show-individuals  show figures for groups smaller than 5 agents (off by default)
  --public-url URL    the address agents reach the hub at (behind a proxy)
  --secure-cookies    mark the login cookie Secure (when served over HTTPS)

Example:
  cuecard hub --trust team-a.key.pub`,
  options: {
    ...DB_OPTIONS,
    port: { type: 'string' },
    host: { type: 'string' },
    trust: { type: 'string', multiple: true },
    'show-individuals': { type: 'boolean' },
    'public-url': { type: 'string' },
    'secure-cookies': { type: 'boolean' },
  },
  args: [],
  async run(_args, values, ctx) {
    const port = typeof values.port === 'string' ? (values.port === '0' ? 0 : positiveInteger(values.port, 'port')) : 8787;
    const keys = trustedKeys(values, ctx);
    const hub = await startHub({
      port,
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      dataDir: dataDir(values, ctx),
      databaseUrl: process.env.DATABASE_URL,
      config: {
        ...DEFAULT_CONFIG,
        trustedKeys: keys,
        showIndividuals: values['show-individuals'] === true,
        secureCookies: values['secure-cookies'] === true,
        publicUrl: typeof values['public-url'] === 'string' ? values['public-url'].replace(/\/$/, '') : undefined,
      },
    });
    const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : dataDir(values, ctx);
    ctx.out(`Cuecard hub listening on ${hub.url} (data: ${where})`);
    if (!keys.length) ctx.err('warning: no --trust key given, so every upload will be refused as signed with an unknown key.');
    const [users] = await hub.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    if (!users?.n) ctx.err('No dashboard user yet: add one with "cuecard hub user add EMAIL" (same --data / DATABASE_URL).');
    await new Promise<void>((resolveStop) => {
      const stop = () => resolveStop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await hub.close();
    return EXIT.ok;
  },
};

export const keyCreateCommand: Command = {
  name: 'key create',
  usage: 'cuecard hub key create --label TEXT [--data DIR]',
  summary: 'create an API key for "cuecard pack publish" (shown once)',
  help: `Prints a new API key. Give it to "cuecard pack publish" as CUECARD_HUB_KEY.\n\nOptions:\n  --label TEXT  who or what the key is for\n${DB_HELP}`,
  options: { ...DB_OPTIONS, label: { type: 'string' } },
  args: [],
  async run(_args, values, ctx) {
    const label = required(values, 'label', this);
    const { id, key } = await withDb(values, ctx, (db) => createApiKey(db, label, ctx.now()));
    ctx.out(`API key ${id} (${label}):\n${key}`);
    return EXIT.ok;
  },
};

export const tokenCreateCommand: Command = {
  name: 'token create',
  usage: 'cuecard hub token create --team NAME [--data DIR]',
  summary: "create a team's enrolment token (shown once)",
  help: `Prints a new enrolment token for the team; agents' extensions enrol with it (managed policy or the options page).\n\nOptions:\n  --team NAME  the team the agents join (lowercase id)\n${DB_HELP}`,
  options: { ...DB_OPTIONS, team: { type: 'string' } },
  args: [],
  async run(_args, values, ctx) {
    const team = required(values, 'team', this);
    if (!/^[a-z0-9][a-z0-9._-]{0,79}$/.test(team)) throw new UsageError(`--team must be a lowercase id (a-z, 0-9, . _ -), not '${team}'`);
    const { id, token } = await withDb(values, ctx, (db) => createEnrolToken(db, team, ctx.now()));
    ctx.out(`Enrolment token ${id} for team ${team}:\n${token}`);
    return EXIT.ok;
  },
};

export const tokenRevokeCommand: Command = {
  name: 'token revoke',
  usage: 'cuecard hub token revoke ID [--data DIR]',
  summary: 'revoke an enrolment token (enrolled agents stay enrolled)',
  help: `Stops new enrolments with the token ID (see "hub token list").\n\nOptions:\n${DB_HELP}`,
  options: DB_OPTIONS,
  args: ['ID'],
  async run([id], values, ctx) {
    const done = await withDb(values, ctx, (db) => revoke(db, 'token', id!, ctx.now()));
    if (!done) throw new UsageError(`no active enrolment token ${id}`);
    ctx.out(`Revoked enrolment token ${id}.`);
    return EXIT.ok;
  },
};

export const tokenListCommand: Command = {
  name: 'token list',
  usage: 'cuecard hub token list [--data DIR]',
  summary: 'list enrolment tokens',
  help: `Lists enrolment tokens (ids and teams; the tokens themselves are not stored).\n\nOptions:\n${DB_HELP}`,
  options: DB_OPTIONS,
  args: [],
  async run(_args, values, ctx) {
    const rows = await withDb(values, ctx, (db) => listTokens(db));
    for (const r of rows) ctx.out(`${r.id}  ${r.team}  created ${new Date(r.created_at).toISOString().slice(0, 10)}${r.revoked_at ? '  REVOKED' : ''}`);
    if (!rows.length) ctx.out('No enrolment tokens.');
    return EXIT.ok;
  },
};

export const userAddCommand: Command = {
  name: 'user add',
  usage: 'cuecard hub user add EMAIL [--data DIR]',
  summary: 'add a dashboard login (or set its password)',
  help: `Reads the password from the first line of standard input (prompting on a terminal), or from CUECARD_HUB_PASSWORD.\n\nOptions:\n${DB_HELP}`,
  options: DB_OPTIONS,
  args: ['EMAIL'],
  async run([email], values, ctx) {
    let password = process.env.CUECARD_HUB_PASSWORD;
    if (password === undefined) {
      const rl = createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stdout : undefined });
      password = await rl.question(process.stdin.isTTY ? 'Password (10 characters or more): ' : '');
      rl.close();
    }
    if (password.length < 10) throw new UsageError('the password must be at least 10 characters');
    await withDb(values, ctx, (db) => addUser(db, email!, password, ctx.now()));
    ctx.out(`Dashboard user ${email} can sign in.`);
    return EXIT.ok;
  },
};

export const HUB_COMMANDS: Command[] = [hubServeCommand, keyCreateCommand, tokenCreateCommand, tokenRevokeCommand, tokenListCommand, userAddCommand];

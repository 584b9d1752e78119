/**
 * `cuecard pack publish|promote|pause|rollback --hub URL`: the team lead's side of the hub's
 * release stages, over its API with an API key (CUECARD_HUB_KEY).
 *
 * Rollback: the hub cannot sign, and extensions refuse a lower sequence or version. So a
 * rollback is a NEW release: this command fetches the older release's pack from the hub,
 * gives it the next version and sequence, signs it with the lead's key here, uploads it and
 * promotes it to the stage of the release it replaces — one command, one new release.
 */
import { parsePack } from '../pack/parse';
import { readSignedEnvelope, signPack } from '../pack/sign';
import type { Release } from '../hub/releases';
import { positiveInteger, required, type Command, type Values } from './command';
import { CheckFailed, EXIT, UsageError, readInput, type CliContext } from './context';

const HUB_HELP = `  --hub URL    the hub's address; the API key is read from CUECARD_HUB_KEY`;

async function call(values: Values, cmd: Command, path: string, init: { method?: string; body?: string } = {}): Promise<unknown> {
  const hub = required(values, 'hub', cmd).replace(/\/$/, '');
  const key = process.env.CUECARD_HUB_KEY;
  if (!key) throw new UsageError('set CUECARD_HUB_KEY to an API key from "cuecard hub key create"');
  let res: Response;
  try {
    res = await fetch(`${hub}${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
  } catch (e) {
    throw new UsageError(`the hub at ${hub} could not be reached (${(e as Error).message})`);
  }
  const text = await res.text();
  const body = (() => {
    try {
      return JSON.parse(text) as { message?: string; error?: string };
    } catch {
      return { message: text };
    }
  })();
  if (!res.ok) throw new CheckFailed(`The hub refused (${res.status}${body.error ? ` ${body.error}` : ''}): ${body.message ?? text}`);
  return body;
}

const describe = (r: Release) =>
  `release ${r.id}: pack ${r.pack_id} version ${r.version} sequence ${r.sequence}, stage ${r.stage}${r.scheduled_stage ? ` (→ ${r.scheduled_stage} at ${new Date(r.scheduled_at!).toISOString()})` : ''}`;

export const publishCommand: Command = {
  name: 'publish',
  usage: 'cuecard pack publish SIGNED.json --hub URL',
  summary: 'upload a signed release to a Cuecard hub (as a draft)',
  help: `Uploads SIGNED.json. The hub checks it exactly as agents' extensions do (trusted key,
signature, expiry, a higher sequence and version than the last upload) and keeps it as a
draft; then "pack promote" it to a pilot or to everyone.

Options:
${HUB_HELP}

Example:
  CUECARD_HUB_KEY=ck_… cuecard pack publish dist/pack.signed.json --hub https://hub.example`,
  options: { hub: { type: 'string' } },
  args: ['SIGNED.json'],
  async run([file], values, ctx) {
    const text = await readInput(ctx, file!);
    const { release } = (await call(values, this, '/api/releases', { method: 'POST', body: text })) as { release: Release };
    ctx.out(`Published ${describe(release)}`);
    return EXIT.ok;
  },
};

export const promoteCommand: Command = {
  name: 'promote',
  usage: 'cuecard pack promote RELEASE --hub URL --stage pilot|everyone [--agents A,B] [--teams T] [--at TIME]',
  summary: 'move a release on the hub to a pilot or to everyone, now or at a time',
  help: `Options:
${HUB_HELP}
  --stage S    pilot (with --agents and/or --teams) or everyone
  --agents A,B agent IDs in the pilot
  --teams T,U  teams in the pilot
  --at TIME    e.g. 2027-01-05T08:00Z: do it then instead of now`,
  options: { hub: { type: 'string' }, stage: { type: 'string' }, agents: { type: 'string' }, teams: { type: 'string' }, at: { type: 'string' } },
  args: ['RELEASE'],
  async run([id], values, ctx) {
    const stage = required(values, 'stage', this);
    if (stage !== 'pilot' && stage !== 'everyone') throw new UsageError(`--stage must be pilot or everyone, not '${stage}'`);
    const list = (v: unknown) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const at = typeof values.at === 'string' ? Date.parse(values.at) : undefined;
    if (at !== undefined && Number.isNaN(at)) throw new UsageError(`--at: '${values.at}' is not a time; write it like 2027-01-05T08:00Z`);
    const body = { stage, agents: list(values.agents), teams: list(values.teams), at };
    const { release } = (await call(values, this, `/api/releases/${positiveInteger(id!, 'RELEASE')}/promote`, {
      method: 'POST',
      body: JSON.stringify(body),
    })) as { release: Release };
    ctx.out(`Promoted ${describe(release)}`);
    return EXIT.ok;
  },
};

export const pauseCommand: Command = {
  name: 'pause',
  usage: 'cuecard pack pause RELEASE --hub URL',
  summary: 'stop serving a release (agents get the one before it)',
  help: `Agents that installed the release keep it; others are served the previous release of their stage.\n\nOptions:\n${HUB_HELP}`,
  options: { hub: { type: 'string' } },
  args: ['RELEASE'],
  async run([id], values, ctx) {
    const { release } = (await call(values, this, `/api/releases/${positiveInteger(id!, 'RELEASE')}/pause`, { method: 'POST' })) as { release: Release };
    ctx.out(`Paused ${describe(release)}`);
    return EXIT.ok;
  },
};

export const rollbackCommand: Command = {
  name: 'rollback',
  usage: 'cuecard pack rollback RELEASE --hub URL --key KEY',
  summary: "republish an older release's content as a new release, to the same stage",
  help: `Takes the content of RELEASE, gives it the next version and sequence of its pack, signs it
with KEY, uploads it and promotes it to the stage (and pilot) of the newest served release.

Options:
${HUB_HELP}
  --key KEY    your private signing key

Example:
  cuecard pack rollback 12 --hub https://hub.example --key team-a.key`,
  options: { hub: { type: 'string' }, key: { type: 'string' } },
  args: ['RELEASE'],
  async run([id], values, ctx) {
    const keyFile = required(values, 'key', this);
    const target = positiveInteger(id!, 'RELEASE');
    const { releases } = (await call(values, this, '/api/releases')) as { releases: Release[] };
    const old = releases.find((r) => r.id === target);
    if (!old) throw new UsageError(`there is no release ${target} on the hub`);
    const same = releases.filter((r) => r.pack_id === old.pack_id);
    const current = same.filter((r) => r.stage === 'pilot' || r.stage === 'everyone').sort((a, b) => b.sequence - a.sequence)[0];
    if (!current) throw new UsageError(`no release of pack ${old.pack_id} is being served; promote release ${target} instead`);
    const signed = await fetchSigned(values, this, target);
    const env = readSignedEnvelope(signed);
    const parsed = env.ok && env.payload ? parsePack(env.payload.pack) : undefined;
    if (!parsed?.ok) throw new CheckFailed(`release ${target} on the hub is not a readable signed pack`);
    const pack = { ...parsed.pack, version: Math.max(...same.map((r) => r.version)) + 1 };
    const sequence = Math.max(...same.map((r) => r.sequence)) + 1;
    const text = await signWith(ctx, keyFile, pack, sequence);
    const { release } = (await call(values, this, '/api/releases', { method: 'POST', body: text })) as { release: Release };
    const promote = current.stage === 'pilot' ? { stage: 'pilot', agents: current.pilot_agents, teams: current.pilot_teams } : { stage: 'everyone' };
    const done = (await call(values, this, `/api/releases/${release.id}/promote`, { method: 'POST', body: JSON.stringify(promote) })) as { release: Release };
    ctx.out(`Rolled back to the content of release ${target}: ${describe(done.release)}`);
    return EXIT.ok;
  },
};

async function fetchSigned(values: Values, cmd: Command, id: number): Promise<string> {
  const hub = required(values, 'hub', cmd).replace(/\/$/, '');
  const res = await fetch(`${hub}/api/releases/${id}/signed`, { headers: { Authorization: `Bearer ${process.env.CUECARD_HUB_KEY}` } });
  if (!res.ok) throw new CheckFailed(`The hub refused to send release ${id} (${res.status}).`);
  return res.text();
}

async function signWith(ctx: CliContext, keyFile: string, pack: unknown, sequence: number): Promise<string> {
  const privateKey = (await readInput(ctx, keyFile)).trim();
  try {
    return await signPack(pack, privateKey, { sequence, signedAt: ctx.now() });
  } catch {
    throw new UsageError(`${keyFile}: is not a private key from "cuecard pack keygen"`);
  }
}

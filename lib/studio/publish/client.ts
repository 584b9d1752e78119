/**
 * Studio's publishing calls, relative to the Studio page so one client serves both backends
 * (lib/studio/contract.ts). Only the SIGNED release is sent; the private key stays in the page.
 * Every failure comes back as `{ code, message }` with the backend's own words (the hub's
 * refusal reasons are the extension's: rollback, unknown key, expired…).
 */
import * as v from 'valibot';
import type { AnchorFailure } from '../contract';
import { publishedInfo, type PublishedInfo } from './release-plan';

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface PublishInput {
  signed: string;
  stage: string;
  /** Pilot: agent ids and team names. */
  audience?: string[];
  /** Epoch ms: promote then instead of now. */
  at?: number;
  anchorFailures: AnchorFailure[];
  overrideReason?: string;
}

const Problem = v.object({ error: v.optional(v.string()), message: v.string() });
const Published = v.object({ release: v.nullable(v.unknown()) });
const Keys = v.object({ keyIds: v.array(v.string()) });
const Staged = v.object({ release: v.object({ id: v.number(), sequence: v.number(), stage: v.string() }) });
const Written = v.object({ file: v.string() });

type Fetch = typeof fetch;

async function call<T>(f: Fetch, path: string, schema: v.GenericSchema<unknown, T>, init?: RequestInit): Promise<Outcome<T>> {
  let res: Response;
  try {
    res = await f(path, { credentials: 'same-origin', ...init });
  } catch {
    return { ok: false, code: 'offline', message: 'Studio cannot reach its server. Check that it is still running, then try again.' };
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const p = v.safeParse(Problem, body);
    return p.success
      ? { ok: false, code: p.output.error ?? `http-${res.status}`, message: p.output.message }
      : { ok: false, code: `http-${res.status}`, message: `The server answered ${res.status} ${res.statusText}.` };
  }
  const parsed = v.safeParse(schema, body);
  return parsed.success ? { ok: true, value: parsed.output } : { ok: false, code: 'bad-reply', message: `Unexpected reply from ${path}.` };
}

const post = (csrf: string | undefined, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
  body: JSON.stringify(body),
});

export async function loadPublished(f: Fetch = fetch): Promise<Outcome<PublishedInfo | undefined>> {
  const r = await call(f, 'api/published', Published);
  return r.ok ? { ok: true, value: publishedInfo(r.value.release) } : r;
}

/** Hub mode: the ids of the keys the hub accepts releases from. */
export async function loadHubKeyIds(f: Fetch = fetch): Promise<Outcome<string[]>> {
  const r = await call(f, 'api/keys', Keys);
  return r.ok ? { ok: true, value: r.value.keyIds } : r;
}

export async function publishToHub(input: PublishInput, csrf: string | undefined, f: Fetch = fetch) {
  const { signed, ...rest } = input;
  return call(f, 'api/publish', Staged, post(csrf, { ...rest, release: signed }));
}

/** Local mode: the server writes `<folder>/<id>-<version>.signed.json` and logs an override. */
export async function writeSigned(
  input: Pick<PublishInput, 'signed' | 'anchorFailures' | 'overrideReason'> & { publicKey: string },
  csrf: string | undefined,
  f: Fetch = fetch,
) {
  return call(f, 'api/signed', Written, post(csrf, input));
}

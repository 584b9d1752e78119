/**
 * One check of one pack URL: a conditional GET with a timeout, then the verdict on what
 * came back, then the next state. Browser APIs arrive as arguments (fetch, install), so
 * this runs the same in the background, in unit tests and in the scale benchmark.
 */
import { evaluatePackText, type Installed, type Trust, type Verdict } from './evaluate';
import { afterFailure, afterSuccess, conditionalHeaders, FETCH_POLICY, type FetchPolicy, type SubState } from './fetch-policy';

export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal; cache: RequestCache; credentials: RequestCredentials },
) => Promise<Response>;

export interface CheckDeps {
  fetch: FetchLike;
  now(): number;
  random(): number;
  trust: Trust;
  held(packId: string): Promise<readonly Installed[]>;
  /** Store an accepted pack; a throw counts as a failed check and nothing else changes. */
  install(verdict: Extract<Verdict, { kind: 'accept' }>, url: string): Promise<void>;
  policy?: FetchPolicy;
}

export interface CheckResult {
  state: SubState;
  /** What the server's file amounted to; undefined on a 304 or a failed fetch. */
  verdict?: Verdict;
  httpStatus?: number;
  /** Body bytes received. */
  bytes: number;
}

type Failure = { code: string; message: string; refused: boolean };

export async function checkSubscription(url: string, prev: SubState | undefined, deps: CheckDeps): Promise<CheckResult> {
  const policy = deps.policy ?? FETCH_POLICY;
  const fail = (error: Failure, extra: Partial<CheckResult> = {}): CheckResult => ({
    bytes: 0,
    ...extra,
    state: afterFailure(prev, url, error, deps.now(), deps.random, policy),
  });
  const got = await download(url, prev, deps.fetch, policy);
  if ('failure' in got) return fail(got.failure, { httpStatus: got.httpStatus, bytes: got.bytes ?? 0 });
  const { res, text, bytes } = got;
  const validators = { etag: res.headers.get('ETag') ?? undefined, lastModified: res.headers.get('Last-Modified') ?? undefined };
  if (res.status === 304) {
    return { bytes, httpStatus: 304, state: afterSuccess(prev, url, { status: 'unchanged' }, deps.now(), deps.random, policy) };
  }
  const verdict = await evaluatePackText(text, { trust: deps.trust, now: deps.now(), held: (id) => deps.held(id), expectedPackId: prev?.packId });
  const extra = { verdict, httpStatus: res.status, bytes };
  if (verdict.kind === 'refuse') return fail({ code: verdict.code, message: verdict.message, refused: true }, extra);
  if (verdict.kind === 'unchanged') {
    return { ...extra, state: afterSuccess(prev, url, { status: 'unchanged', ...validators, packId: verdict.packId }, deps.now(), deps.random, policy) };
  }
  try {
    await deps.install(verdict, url);
  } catch (err) {
    return fail({ code: 'install', message: `The pack could not be saved: ${err instanceof Error ? err.message : String(err)}`, refused: false }, extra);
  }
  const { pack, sequence } = verdict;
  return {
    ...extra,
    state: afterSuccess(prev, url, { status: 'installed', ...validators, packId: pack.id, version: pack.version, sequence }, deps.now(), deps.random, policy),
  };
}

type Download = { res: Response; text: string; bytes: number } | { failure: Failure; httpStatus?: number; bytes?: number };

async function download(url: string, prev: SubState | undefined, fetchFn: FetchLike, policy: FetchPolicy): Promise<Download> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), policy.timeoutMs);
  const secs = Math.round(policy.timeoutMs / 1000);
  try {
    // no-store: our own If-None-Match must reach the server, and its 304 must reach us.
    const res = await fetchFn(url, { headers: conditionalHeaders(prev), signal: abort.signal, cache: 'no-store', credentials: 'omit' });
    if (res.status === 304) return { res, text: '', bytes: 0 };
    if (!res.ok) {
      const what = res.status === 404 ? 'there is no pack at this address' : `the server answered HTTP ${res.status}`;
      return { failure: { code: 'http', message: `The pack could not be downloaded: ${what}.`, refused: false }, httpStatus: res.status };
    }
    const declared = Number(res.headers.get('Content-Length') ?? 0);
    const tooBig = { code: 'too-large', message: `The pack file is larger than ${policy.maxBytes / 1_000_000} MB; it was not downloaded.`, refused: true };
    if (declared > policy.maxBytes) return { failure: tooBig, httpStatus: res.status };
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.byteLength > policy.maxBytes) return { failure: tooBig, httpStatus: res.status, bytes: body.byteLength };
    return { res, text: new TextDecoder().decode(body), bytes: body.byteLength };
  } catch (err) {
    if (abort.signal.aborted) {
      return { failure: { code: 'timeout', message: `The pack server did not answer within ${secs} seconds.`, refused: false } };
    }
    const why = err instanceof Error ? err.message : String(err);
    return {
      failure: {
        code: 'network',
        message: `The pack server could not be reached (${why}). Check the address, the network, and that Cuecard has access to this site.`,
        refused: false,
      },
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Request bodies, bounded while they arrive. A Content-Length over the limit is refused
 * unread; a body without one (chunked) is cut off as it passes the limit, never buffered
 * whole first: the enrolment and sign-in routes need no credential, so an unbounded read
 * there would let anyone who reaches the hub exhaust its memory.
 */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem } from './http';

const tooLarge = (c: Context, max: number) => problem(c, 413, 'too-large', `The body is over ${max} bytes, the most accepted here.`);

/** The body as bytes, or a 413 Response once it passes `max`. */
export async function readBytes(c: Context, max: number): Promise<Uint8Array | Response> {
  const declared = Number(c.req.header('Content-Length') ?? 0);
  if (declared > max) return problem(c, 413, 'too-large', `The body is ${declared} bytes; at most ${max} are accepted.`);
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(c, max);
    }
    chunks.push(value);
  }
}

/** Reads a JSON body of at most `max` bytes; a Response when it is too big or not JSON. */
export async function readJson(c: Context, max: number): Promise<{ body: unknown } | Response> {
  const bytes = await readBytes(c, max);
  if (bytes instanceof Response) return bytes;
  try {
    return { body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch (e) {
    return problem(c, 400, 'malformed', `The body is not JSON: ${(e as Error).message}`);
  }
}

/**
 * For form posts (sign-in, the dashboard's buttons): reads at most `max` bytes with Hono's
 * body limit, so `c.req.parseBody()` after it parses what was read; a 413 Response if more came.
 */
export async function limitForm(c: Context, max: number): Promise<Response | undefined> {
  let within = false;
  const refused = await bodyLimit({ maxSize: max, onError: (ctx) => tooLarge(ctx, max) })(c, async () => {
    within = true;
  });
  return within ? undefined : (refused ?? tooLarge(c, max));
}

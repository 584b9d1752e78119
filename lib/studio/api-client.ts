/** The page's calls to its backend (`cuecard studio` or the hub mount): relative `api/…` paths. */
import * as v from 'valibot';
import { PackReply, PublishedReply, Session, type PackFiles } from './contract';

export interface StudioApi {
  session(): Promise<Session>;
  pack(): Promise<PackFiles>;
  published(): Promise<unknown>;
  save(path: string, text: string): Promise<void>;
}

async function reply(res: Response): Promise<unknown> {
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = body && typeof body === 'object' && 'error' in body ? String(body.error) : `${res.status} ${res.statusText}`;
    throw new Error(error);
  }
  return body;
}

export function httpStudioApi(base = ''): StudioApi {
  let csrf: string | undefined;
  return {
    async session() {
      const s = v.parse(Session, await reply(await fetch(`${base}api/session`)));
      csrf = s.csrf;
      return s;
    },
    async pack() {
      return v.parse(PackReply, await reply(await fetch(`${base}api/pack`))).files;
    },
    async published() {
      return v.parse(PublishedReply, await reply(await fetch(`${base}api/published`))).release;
    },
    async save(path, text) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (csrf) headers['x-csrf-token'] = csrf;
      await reply(await fetch(`${base}api/file`, { method: 'PUT', headers, body: JSON.stringify({ path, text }) }));
    },
  };
}

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliContext } from './context';
import { main } from './main';
import { startStudio } from './studio';

function ctx(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const c = { cwd, root: join(import.meta.dirname, '../..'), out: (l: string) => out.push(l), err: (l: string) => err.push(l) } as unknown as CliContext;
  return { c, out, err };
}

describe('cuecard studio', () => {
  it('explains itself with --help, and is listed in the overview', async () => {
    const { c, out } = ctx(tmpdir());
    expect(await main(['studio', '--help'], c)).toBe(0);
    expect(out.join('\n')).toMatch(/Usage: cuecard studio DIR \[--port N\] \[--against SIGNED\.json\]/);
    expect(out.join('\n')).toContain('127.0.0.1');
    out.length = 0;
    await main(['--help'], c);
    expect(out.join('\n')).toContain('cuecard studio DIR');
  });

  it('names a missing folder and a bad port as usage errors', async () => {
    const { c, err } = ctx(tmpdir());
    expect(await main(['studio', 'no-such-folder-here'], c)).toBe(2);
    expect(err.join('\n')).toMatch(/no-such-folder-here: no such folder; make one with: cuecard pack init/);
    expect(await main(['studio', '.', '--port', 'eighty'], c)).toBe(2);
    expect(err.join('\n')).toMatch(/--port must be a whole number/);
  });

  it('refuses an --against file that is not a pack, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'studio-cli-'));
    const { c, err } = ctx(dir);
    expect(await main(['studio', '.', '--against', 'missing.json'], c)).not.toBe(0);
    expect(err.join('\n')).toContain('missing.json');
  });

  it('serves on 127.0.0.1 behind a per-run token', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'studio-cli-'));
    const a = await startStudio({ folder, port: 0, published: null });
    const b = await startStudio({ folder, port: 0, published: null });
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
      expect(new URL(a.url).searchParams.get('token')).not.toBe(new URL(b.url).searchParams.get('token'));
      const base = a.url.replace(/\?.*/, '');
      expect((await fetch(`${base}api/pack`)).status).toBe(401);
      const page = await fetch(a.url, { redirect: 'manual' });
      expect(page.status).toBe(302);
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${base}api/pack`, { headers: { cookie } })).status).toBe(200);
      expect(await (await fetch(base, { headers: { cookie } })).text()).toContain('studio.js');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

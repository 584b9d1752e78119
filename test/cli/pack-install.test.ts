/**
 * A team lead's machine has no clone (issue 12, "Done when"): pack the project as npm would
 * publish it, install the tarball in an empty folder with production dependencies only, and
 * run the installed `cuecard` from there. Nothing may come from devDependencies or test/.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let home: string;
let bin: string;
const started: ChildProcess[] = [];

const cuecard = (args: string[]) => run(process.execPath, [bin, ...args], { cwd: home, env: { ...process.env, NO_COLOR: '1' } });

/** Starts a long-running command and resolves with the first http://… URL it prints. */
function serve(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /https?:\/\/[\w.:[\]-]+\/?\S*/.exec(seen)?.[0];
      if (url) resolve(url.replace(/[/.,)]+$/, ''));
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', (c: Buffer) => (seen += c.toString()));
    child.once('exit', (code) => reject(new Error(`cuecard ${args.join(' ')} exited ${code}: ${seen}`)));
  });
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return child.exitCode;
  const done = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  // Ctrl+C, as a lead stops them.
  child.kill('SIGINT');
  return done;
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'cuecard-install-'));
  // `npm pack` runs "prepack" (scripts/build-package.mjs) as a publish would.
  const packed = await run('npm', ['pack', '--pack-destination', home, '--json', '--silent'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  await writeFile(join(home, 'package.json'), JSON.stringify({ name: 'team-lead', private: true }));
  await run('npm', ['install', join(home, filename), '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: home,
    maxBuffer: 64 * 1024 * 1024,
  });
  bin = join(home, 'node_modules', 'cuecard', 'bin', 'cuecard.mjs');
}, 110_000);

afterAll(async () => {
  for (const child of started) await stop(child);
  if (home) await rm(home, { recursive: true, force: true });
});

describe('the installed package', { timeout: 60_000 }, () => {
  it('ships the bundle and its run-time files, not the sources or the tests', async () => {
    const pkg = join(home, 'node_modules', 'cuecard');
    expect((await readdir(pkg)).sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json']);
    expect(await readdir(join(pkg, 'bin'))).toEqual(['cuecard.mjs']);
    expect((await readdir(join(pkg, 'dist'))).sort()).toEqual(['components', 'cuecard.mjs', 'dist', 'lib', 'public']);
    expect(await readdir(join(home, 'node_modules'))).not.toContain('vitest');
  });

  it('prints its help', async () => {
    const { stdout } = await cuecard(['--help']);
    expect(stdout).toContain('Usage: cuecard pack COMMAND');
    expect(stdout).toContain('cuecard hub');
  });

  it('writes the default pack and validates it', async () => {
    await cuecard(['pack', 'init', 'sop']);
    const { stdout } = await cuecard(['pack', 'validate', 'sop']);
    expect(stdout).toMatch(/^OK: pack telecom\.cs-sop version \d+: \d+ procedures/);
    await cuecard(['pack', 'init', 'broken']);
    await writeFile(join(home, 'broken', 'pack.yaml'), 'id: [oops\n');
    const broken = await cuecard(['pack', 'validate', 'broken']).catch((e: { code: number; stderr: string }) => e);
    expect(broken).toMatchObject({ code: 1 });
    expect((broken as { stderr: string }).stderr).toContain('pack.yaml:');
  });

  it('tests the anchors against a snapshot, naming the anchor that fails', async () => {
    const emptyPage = {
      kind: 'cuecard-snapshot',
      version: 1,
      taken: '2026-12-05T07:00:00.000Z',
      frames: [{ name: '', page: 'http://127.0.0.1/index.html', body: { t: 'body' } }],
    };
    await mkdir(join(home, 'sop', 'snapshots'), { recursive: true });
    await writeFile(join(home, 'sop', 'snapshots', 'empty.json'), JSON.stringify(emptyPage));
    const failed = await cuecard(['pack', 'test', 'sop']).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect(`${(failed as { stdout: string }).stdout}${(failed as { stderr: string }).stderr}`).toMatch(/Customer name|customer\.name/);
    await rm(join(home, 'sop', 'snapshots'), { recursive: true });
  });

  it('serves Studio over a pack folder: the page and its session', async () => {
    const printed = await serve(['studio', 'sop']);
    const url = new URL(printed);
    const token = url.searchParams.get('token')!;
    const page = await fetch(new URL('/', url), { headers: { 'x-studio-token': token } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('studio.js');
    const script = await fetch(new URL('/studio.js', url), { headers: { 'x-studio-token': token } });
    expect([script.status, (await script.text()).length > 10_000]).toEqual([200, true]);
    expect(await (await fetch(new URL('/api/session', url), { headers: { 'x-studio-token': token } })).json()).toMatchObject({
      mode: 'local',
      folder: 'sop',
      scope: expect.any(String),
    });
    expect((await fetch(new URL('/api/session', url))).status).toBe(401);
    expect(await stop(started.pop()!)).toBe(0);
  });

  it('runs the hub on its embedded database and serves the sign-in page', async () => {
    const url = await serve(['hub', '--port', '0', '--data', join(home, 'hub-data')]);
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="password"');
    const studio = await fetch(`${url}/studio/api/session`);
    expect(studio.status).toBe(401);
    expect(await stop(started.pop()!)).toBe(0);
  });
});

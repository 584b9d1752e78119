/**
 * Real hub processes (`bin/cuecard.mjs hub`) on real sockets, for the tests that need a
 * process boundary: several hubs on one database, a restart, a database outage.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

const BIN = resolve(__dirname, '../../bin/cuecard.mjs');

export interface HubProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
}

/** A working folder and the hub processes started in it; `cleanup` stops them and removes it. */
export function hubProcesses(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const children: ChildProcess[] = [];
  return {
    dir,
    cli(args: string[], env: Record<string, string> = {}): string {
      const r = spawnSync(BIN, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
      if (r.status !== 0) throw new Error(`cuecard ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    },
    /** Starts `cuecard hub --port 0` and resolves once it listens. */
    start(args: string[], env: Record<string, string> = {}): Promise<HubProcess> {
      const child = spawn(BIN, ['hub', '--port', '0', ...args], { cwd: dir, env: { ...process.env, ...env } });
      children.push(child);
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      return new Promise((done, reject) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) done({ url: m[1]!, child, stderr: () => err });
        });
        child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${err}`)));
      });
    },
    cleanup(): void {
      for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const stopHub = (child: ChildProcess) =>
  new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM'))));

export async function enrol(url: string, token: string, agentId: string): Promise<string> {
  const res = await fetch(`${url}/api/enrol`, { method: 'POST', body: JSON.stringify({ token, agentId }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { credential: string }).credential;
}

export interface BatchAnswer {
  status: number;
  body: { accepted?: string[]; duplicates?: string[]; message?: string; error?: string };
}

export const postEvents = (url: string, credential: string, events: unknown[]): Promise<BatchAnswer> =>
  fetch(`${url}/api/events`, { method: 'POST', body: JSON.stringify({ events }), headers: { Authorization: `Bearer ${credential}` } }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as BatchAnswer['body'],
  }));

/** The token line `cuecard hub token create` prints last. */
export const tokenOf = (out: string) => out.trim().split('\n').pop()!;

/**
 * End to end through the real executable (shebang, jiti, exit codes), in a temp folder:
 * the release a team lead does — init → validate → build → keygen → sign → verify — and
 * the failures they must be told about.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../pack/sign';

const BIN = resolve(__dirname, '../../bin/cuecard.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cuecard-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cuecard(...args: string[]) {
  // Run the file itself, not `node file`: the shebang and executable bit are part of the contract.
  const r = spawnSync(BIN, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each run starts Node and jiti (about a second on a busy machine); the other CLI checks
// run in-process in main.test.ts.
describe('cuecard pack (end to end)', { timeout: 60_000 }, () => {
  it('is an executable node script', () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('init writes the default SOP, and refuses to write into a non-empty folder', () => {
    expect(cuecard('pack', 'init', 'sop')).toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'sop/pack.yaml'), 'utf8')).toMatch(/^id: telecom\./);
    const again = cuecard('pack', 'init', 'sop');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/sop: folder is not empty/);
  });

  it('validate passes the untouched folder, and builds it', () => {
    expect(cuecard('pack', 'validate', 'sop')).toMatchObject({ code: 0, out: expect.stringMatching(/^OK: pack telecom\./) });
    expect(cuecard('pack', 'build', 'sop', '--out', 'pack.json').code).toBe(0);
    const built = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as unknown;
    expect(built).toEqual(JSON.parse(readFileSync(resolve(__dirname, '../../public/packs/default.json'), 'utf8')));
  });

  it('keygen writes a private key only its owner can read, and a one-line public key', () => {
    expect(cuecard('pack', 'keygen', '--out', 'team.key')).toMatchObject({ code: 0, out: expect.stringMatching(/Key ID: [0-9a-f]{16}/) });
    expect(statSync(join(dir, 'team.key')).mode & 0o777).toBe(0o600);
    expect(fromBase64(readFileSync(join(dir, 'team.key.pub'), 'utf8').trim())).toHaveLength(32);
    expect(cuecard('pack', 'keygen', '--out', 'team.key').code).toBe(2);
  });

  it('signs and verifies; a tampered or unsigned file fails with exit 1', () => {
    expect(cuecard('pack', 'sign', 'pack.json', '--key', 'team.key', '--out', 'signed.json', '--sequence', '3', '--expires', '2099-01-01').code).toBe(0);
    const ok = cuecard('pack', 'verify', 'signed.json', '--pub', 'team.key.pub');
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/Authentic: pack telecom\.\S+, sequence 3, expires 2099-01-01/) });

    const file = JSON.parse(readFileSync(join(dir, 'signed.json'), 'utf8')) as Record<string, string>;
    const bytes = fromBase64(file.payload!);
    bytes[200]! ^= 1;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ ...file, payload: toBase64(bytes) }));
    const bad = cuecard('pack', 'verify', 'tampered.json', '--pub', 'team.key.pub');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^tampered\.json: not accepted \(bad-signature\)/);

    expect(cuecard('pack', 'verify', 'pack.json', '--pub', 'team.key.pub')).toMatchObject({ code: 1, err: expect.stringMatching(/unsigned/) });
    expect(cuecard('pack', 'verify', 'signed.json', '--pub', 'team.key.pub', '--last-sequence', '3').code).toBe(1);
  });

  it('reports every authoring error as DIR/file:line and exits 1', () => {
    appendFileSync(join(dir, 'sop/01-shift-prep.md'), '\n## 新步骤 | New step {#new-step}\n\n> colour: red\n> next: nowhere\n');
    const r = cuecard('pack', 'validate', 'sop');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^sop\/01-shift-prep\.md:\d+: unknown attribute 'colour'/m);
    expect(r.err).toMatch(/^sop\/01-shift-prep\.md:\d+: next: there is no step 'nowhere'/m);
    expect(cuecard('pack', 'build', 'sop', '--out', 'broken.json').code).toBe(1);
  });

  it('diffs a signed pack against a newer plain one', () => {
    const pack = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as { version: number; procedures: { steps: { id: string; next?: string }[] }[] };
    pack.version += 1;
    pack.procedures[0]!.steps.pop();
    delete pack.procedures[0]!.steps.at(-1)!.next;
    writeFileSync(join(dir, 'pack2.json'), JSON.stringify(pack));
    const r = cuecard('pack', 'diff', 'signed.json', 'pack2.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/version 1 → 2/);
    expect(r.out).toMatch(/^ {2}- step /m);
    expect(r.err).toMatch(/signed\.json is signed; its signature is not checked/);
  });

  it('exits 2 on misuse, with a one-line message', () => {
    expect(cuecard('pack', 'sign', 'pack.json').code).toBe(2);
    expect(cuecard('pack', 'verify', 'missing.json', '--pub', 'team.key.pub')).toMatchObject({ code: 2, err: 'cuecard: missing.json: file not found\n' });
    expect(cuecard('pack', 'preview', 'no-such-folder')).toMatchObject({ code: 2, err: 'cuecard: no-such-folder: folder not found\n' });
  });

  it('writes the JSON Schema that is committed in public/', () => {
    expect(cuecard('pack', 'schema', '--out', 'schema.json').code).toBe(0);
    expect(readFileSync(join(dir, 'schema.json'), 'utf8')).toBe(readFileSync(resolve(__dirname, '../../public/pack.schema.json'), 'utf8'));
  });
});

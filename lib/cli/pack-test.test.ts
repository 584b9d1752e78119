import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorPackFiles } from '../pick/test-pack';
import type { CliContext } from './context';
import { main } from './main';

const root = mkdtempSync(join(tmpdir(), 'cuecard-pack-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, name, path, '..'), { recursive: true });
    writeFileSync(join(root, name, path), text);
  }
}

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const ctx: CliContext = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`), cwd: root, root, color: false, now: () => 0 };
  return { code: await main(argv, ctx), out, err };
}

const ALL = ['field customer.name', 'field customer.phone', 'guard change-plan', 'step p/a anchor 1'];
const snapshot = (inputId: string, anchors: string[] = ALL) =>
  JSON.stringify({
    kind: 'cuecard-snapshot',
    version: 2,
    anchors,
    taken: '2026-12-05T07:00:00.000Z',
    frames: [
      {
        name: '',
        page: 'https://crm.test/a',
        body: {
          t: 'body',
          c: [
            { t: 'label', a: { for: 'n' }, c: ['客户姓名'] },
            { t: 'input', a: { id: 'n' } },
            { t: 'input', a: { id: inputId } },
            { t: 'button', c: ['Change plan'] },
            { t: 'iframe', a: { name: 'notes-frame' }, f: 1 },
          ],
        },
      },
      { name: 'notes-frame', page: 'https://crm.test/n', body: { t: 'body', c: [{ t: 'textarea', a: { id: 'notes' } }] } },
    ],
  });

describe('cuecard pack test', () => {
  it('passes when every anchor matches once, and fails by name (exit 1) when one does not', async () => {
    folder('good', { ...anchorPackFiles(), 'snapshots/account.json': snapshot('phone') });
    const good = await run('pack', 'test', 'good');
    expect(good).toEqual({ err: '', code: 0, out: 'OK: every listed anchor matches exactly one element in 1 snapshot\n' });
    folder('bad', { ...anchorPackFiles(), 'snapshots/account.json': snapshot('mobile') });
    const r = await run('pack', 'test', 'bad');
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'bad: field customer.phone (selector "#phone") matches nothing in snapshot "account", which lists it as tested there\nbad: 1 anchor test failed\n',
    );
  });

  it('passes with a warning naming the anchors whose site has no snapshot', async () => {
    const other = snapshot('phone', ['guard change-plan']).replaceAll('https://crm.test/', 'https://other.test/');
    folder('partial', { ...anchorPackFiles(), 'snapshots/account.json': other });
    const r = await run('pack', 'test', 'partial');
    expect(r.code).toBe(0);
    expect(r.err).toBe('partial: warning: 3 anchor(s) untested (no snapshot of their site): field customer.name, field customer.phone, step p/a anchor 1\n');
  });

  it('gives a clear message for a file that is not a snapshot', async () => {
    folder('junk', { ...anchorPackFiles(), 'snapshots/page.json': '<html></html>' });
    const r = await run('pack', 'test', 'junk');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^junk: snapshots\/page\.json is not JSON \(.*\); a snapshot is saved by the extension from the CRM page\n/);
  });

  it('says there is nothing to test without snapshots', async () => {
    folder('none', anchorPackFiles());
    expect(await run('pack', 'test', 'none')).toMatchObject({ code: 0, out: expect.stringMatching(/no snapshots to test against/) });
  });
});

import { describe, expect, it } from 'vitest';
import type { CliContext } from './context';
import { COMMANDS, main } from './main';

function run(...argv: string[]) {
  let out = '';
  let err = '';
  const ctx: CliContext = {
    out: (t) => void (out += `${t}\n`),
    err: (t) => void (err += `${t}\n`),
    cwd: '/nonexistent',
    root: '/nonexistent',
    color: false,
    now: () => 0,
  };
  return main(argv, ctx).then((code) => ({ code, out, err }));
}

describe('cuecard main', () => {
  it.each(COMMANDS.map((c) => c.name))('pack %s --help prints usage and exits 0', async (name) => {
    const r = await run('pack', name, '--help');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(new RegExp(`^Usage: cuecard pack ${name}`));
  });

  it('prints the overview for --help (0) and for no command (2)', async () => {
    expect(await run('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/Commands:\n {2}init/) });
    expect((await run()).code).toBe(2);
    expect((await run('pack')).code).toBe(2);
  });

  it('rejects unknown commands, options and missing arguments with exit 2 and one line', async () => {
    for (const argv of [
      ['frob'],
      ['pack', 'frob'],
      ['pack', 'validate', '--frob', 'x'],
      ['pack', 'validate'],
      ['pack', 'init', 'a', 'b'],
      ['pack', 'keygen'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.err).toMatch(/^cuecard: /);
    }
  });

  it('checks option values before touching files', async () => {
    expect((await run('pack', 'verify', 'x.json', '--pub', 'k.pub', '--last-sequence', 'two')).err).toMatch(/--last-sequence must be a whole number/);
    expect((await run('pack', 'sign', 'x.json', '--key', 'k', '--out', 'y.json', '--sequence', '0')).code).toBe(2);
  });
});

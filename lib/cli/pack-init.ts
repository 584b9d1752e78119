/** `cuecard pack init DIR`: start a pack folder from the default SOP. */
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { compile, decompile } from '../pack/authoring';
import type { Command } from './command';
import { CheckFailed, EXIT, UsageError } from './context';
import { loadPackFile } from './load-pack';
import { isEmptyFolder, writePackFolder } from './pack-folder';

const README = `# SOP pack

Edit pack.yaml and the numbered .md files (one per procedure), then:

    npx cuecard pack validate .
    npx cuecard pack build . --out pack.json

The format is described in docs/authoring.md of the Cuecard repository.
`;

export const initCommand: Command = {
  name: 'init',
  usage: 'cuecard pack init DIR',
  summary: 'write the default SOP as an authoring folder to start from',
  help: `Writes pack.yaml and one Markdown file per procedure of the default SOP
(public/packs/default.json) into DIR, creating it if needed. Refuses a DIR that is not
empty, so it never overwrites your work.

Example:
  cuecard pack init my-sop`,
  args: ['DIR'],
  async run([dir], _values, ctx) {
    const target = resolve(ctx.cwd, dir!);
    if (!(await isEmptyFolder(target))) throw new UsageError(`${dir}: folder is not empty; choose a new folder for the pack`);
    const { pack } = await loadPackFile({ ...ctx, cwd: ctx.root }, join('public', 'packs', 'default.json'));
    const files = decompile(pack);
    // The authoring files must mean exactly the default pack; if not, that is a bug here.
    const back = compile(files);
    if (!back.ok || !isDeepStrictEqual(back.pack, pack)) throw new CheckFailed('internal error: the default pack does not survive the authoring format');
    files.set('README.md', README);
    await writePackFolder(target, files);
    ctx.out(`Wrote ${files.size} files to ${dir} (pack ${pack.id}, ${pack.procedures.length} procedures).`);
    ctx.out(`Next: edit them, then run: cuecard pack validate ${dir}`);
    return EXIT.ok;
  },
};

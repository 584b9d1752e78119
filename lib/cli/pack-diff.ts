/** `cuecard pack diff OLD.json NEW.json` and `cuecard pack schema`. */
import { diffPacks, formatDiff } from '../pack/diff';
import { packJsonSchemaText } from '../pack/json-schema';
import type { Command } from './command';
import { EXIT, writeOutput } from './context';
import { loadPackFile } from './load-pack';

export const diffCommand: Command = {
  name: 'diff',
  usage: 'cuecard pack diff OLD.json NEW.json [--color | --no-color]',
  summary: 'show what changed between two packs (plain or signed files)',
  help: `Lists procedures, steps, phrases and checklist items that were added, removed or
changed (matched by id), with word-level changes to their text: [-removed-]{+added+}.
Either file may be a plain pack or a signed one; signatures are not checked here (use
"pack verify").

Options:
  --color / --no-color   force colour on or off (default: on for a terminal)

Example:
  cuecard pack diff published/pack.signed.json dist/pack.json`,
  options: { color: { type: 'boolean' } },
  args: ['OLD.json', 'NEW.json'],
  async run([oldFile, newFile], values, ctx) {
    const before = await loadPackFile(ctx, oldFile!);
    const after = await loadPackFile(ctx, newFile!);
    for (const [file, loaded] of [
      [oldFile, before],
      [newFile, after],
    ] as const) {
      if (loaded.signed) ctx.err(`note: ${file} is signed; its signature is not checked by diff`);
    }
    const color = typeof values.color === 'boolean' ? values.color : ctx.color;
    ctx.out(formatDiff(diffPacks(before.pack, after.pack), { color }));
    return EXIT.ok;
  },
};

export const schemaCommand: Command = {
  name: 'schema',
  usage: 'cuecard pack schema [--out FILE]',
  summary: 'write the JSON Schema of the pack format',
  help: `Writes the JSON Schema of pack JSON (generated from lib/pack/schema.ts) to FILE, or to
standard output. The repository keeps a copy in public/pack.schema.json; regenerate it
after changing the schema:

  cuecard pack schema --out public/pack.schema.json`,
  options: { out: { type: 'string' } },
  args: [],
  async run(_args, values, ctx) {
    if (typeof values.out !== 'string') ctx.out(packJsonSchemaText());
    else {
      await writeOutput(ctx, values.out, packJsonSchemaText());
      ctx.out(`Wrote the pack JSON Schema to ${values.out}`);
    }
    return EXIT.ok;
  },
};

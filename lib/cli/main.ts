/**
 * `cuecard` entry: dispatch, help and the mapping of failures to exit codes. Commands
 * throw UsageError / CheckFailed; only this file decides what the user sees of them.
 */
import { parseCommandArgs, type Command } from './command';
import { CheckFailed, EXIT, UsageError, type CliContext } from './context';
import { diffCommand, schemaCommand } from './pack-diff';
import { initCommand } from './pack-init';
import { keygenCommand, signCommand, verifyCommand } from './pack-keys';
import { buildCommand, validateCommand } from './pack-validate';
import { testCommand } from './pack-test';
import { preview } from './preview';
import { studioCommand } from './studio';
import { HUB_COMMANDS } from './hub';
import { pauseCommand, promoteCommand, publishCommand, rollbackCommand } from './pack-publish';

const previewCommand: Command = {
  name: 'preview',
  usage: 'cuecard pack preview DIR',
  summary: 'try an authoring folder in the demo CRM with the extension',
  help: `Compiles DIR, serves it (signed with a throwaway key) beside the demo CRM on 127.0.0.1,
and opens Chromium with the demo extension subscribed to it, as an agent would be. Without
a display it prints the URLs and the steps to do it by hand. Builds nothing: run
"npm run build:demo" once first. PORT sets the server's port (default: any free one).
Stop with Ctrl+C or by closing the browser.

Example:
  cuecard pack preview my-sop`,
  args: ['DIR'],
  run: ([dir], _values, ctx) => preview(dir!, ctx),
};

export const COMMANDS: Command[] = [
  initCommand,
  validateCommand,
  testCommand,
  buildCommand,
  keygenCommand,
  signCommand,
  verifyCommand,
  diffCommand,
  schemaCommand,
  previewCommand,
  publishCommand,
  promoteCommand,
  pauseCommand,
  rollbackCommand,
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'cuecard: write, check, sign and publish Cuecard SOP packs',
    '',
    'Usage: cuecard pack COMMAND [ARGS] [--help]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Typical release: init → edit → validate → build → sign → verify → publish SIGNED.json',
    '',
    'Studio: cuecard studio DIR [--port N] [--against SIGNED.json] edits a pack folder in the browser; cuecard studio --help.',
    'Hub: cuecard hub [--port N] [--data DIR] runs the Cuecard Hub; cuecard hub --help for its commands.',
    'Exit codes: 0 ok, 1 validation or verification failed, 2 usage error.',
  ].join('\n');
}

async function runCommand(cmd: Command, argv: string[], ctx: CliContext): Promise<number> {
  const { args, values, help } = parseCommandArgs(cmd, argv);
  if (help) {
    ctx.out(`Usage: ${cmd.usage}\n\n${cmd.summary[0]!.toUpperCase()}${cmd.summary.slice(1)}.\n\n${cmd.help}`);
    return EXIT.ok;
  }
  return cmd.run(args, values, ctx);
}

/** `cuecard hub [options]` serves; `cuecard hub key create …` and the like manage it. */
async function runHub(argv: string[], ctx: CliContext): Promise<number> {
  const [serve, ...rest] = HUB_COMMANDS;
  const two = `${argv[0]} ${argv[1]}`;
  const cmd = rest.find((c) => c.name === two);
  if (cmd) return runCommand(cmd, argv.slice(2), ctx);
  if (argv[0] === '--help' || argv[0] === '-h') {
    ctx.out([`Usage: ${serve!.usage}`, '', serve!.help, '', 'Managing the hub:', ...rest.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n'));
    return EXIT.ok;
  }
  if (argv[0] !== undefined && !argv[0].startsWith('-')) throw new UsageError(`unknown command 'hub ${argv[0]}'; try: cuecard hub --help`);
  return runCommand(serve!, argv, ctx);
}

export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const [group, name, ...rest] = argv;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
    ctx.out(overview());
    return group === undefined ? EXIT.usage : EXIT.ok;
  }
  try {
    if (group === 'hub') return await runHub(argv.slice(1), ctx);
    if (group === 'studio') return await runCommand(studioCommand, argv.slice(1), ctx);
    if (group !== 'pack') throw new UsageError(`unknown command '${group}'; try: cuecard --help`);
    if (name === undefined || name === '--help' || name === '-h') {
      ctx.out(overview());
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const cmd = COMMANDS.find((c) => c.name === name);
    if (!cmd) throw new UsageError(`unknown command 'pack ${name}'; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    return await runCommand(cmd, rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.err(`cuecard: ${e.message}`);
      return EXIT.usage;
    }
    if (e instanceof CheckFailed) {
      ctx.err(e.message);
      return EXIT.failed;
    }
    ctx.err(`cuecard: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.failed;
  }
}

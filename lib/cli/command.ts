/** The shape of one `cuecard pack …` command, and the argument parsing they share. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliContext } from './context';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  name: string;
  /** `cuecard pack sign PACK.json --key KEY …` */
  usage: string;
  summary: string;
  /** Longer help: what it does, each option, an example. */
  help: string;
  options?: Options;
  /** Names of the positional arguments, all required. */
  args: string[];
  run(args: string[], values: Values, ctx: CliContext): Promise<number>;
}

export function parseCommandArgs(cmd: Command, argv: string[]): { args: string[]; values: Values; help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
  } catch (e) {
    // Node's own message goes on about '--' positionals; its first sentence is the point.
    throw new UsageError(`${(e as Error).message.split(/\.\s|\n/)[0]} (see: cuecard pack ${cmd.name} --help)`);
  }
  const values = parsed.values as Values;
  if (values.help) return { args: [], values, help: true };
  const args = parsed.positionals;
  if (args.length !== cmd.args.length) {
    const what = args.length < cmd.args.length ? `missing ${cmd.args.slice(args.length).join(' ')}` : `unexpected argument '${args[cmd.args.length]}'`;
    throw new UsageError(`${what}: usage: ${cmd.usage}`);
  }
  return { args, values, help: false };
}

/** A required `--name value` option. */
export function required(values: Values, name: string, cmd: Command): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new UsageError(`--${name} is required: usage: ${cmd.usage}`);
  return v;
}

/** A whole number ≥ 1 given as `--name N`. */
export function positiveInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${name} must be a whole number of at least 1, not '${value}'`);
  }
  return Number(value);
}

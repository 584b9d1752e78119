/**
 * The `> name: value` lines under a step heading. Values are converted here; whether they
 * are allowed (a known channel, a step that exists) is checked later with everything else.
 */
import type { AttrLine } from './markdown-body';
import type { AuthoringIssue } from './source-map';
import { parseDuration, parseList } from './syntax';

export interface StepAttrs {
  next?: { id: string; line: number };
  end?: number;
  channels?: string[];
  timeLimitSec?: number;
  requiresIdentity?: true;
  addition?: true;
  source?: string;
  /** Line of each attribute, keyed by the pack field it sets. */
  lines: Record<string, number>;
}

const VALUED = ['next', 'channels', 'time-limit', 'source'];
const FLAGS = ['end', 'requires-identity', 'addition'];
export const ATTRIBUTE_NAMES = [...VALUED, ...FLAGS];

export function readStepAttrs(attrs: AttrLine[], file: string, issues: AuthoringIssue[]): StepAttrs {
  const out: StepAttrs = { lines: {} };
  const seen = new Set<string>();
  for (const { key, value, line } of attrs) {
    const fail = (message: string) => issues.push({ file, line, message });
    if (!ATTRIBUTE_NAMES.includes(key)) {
      fail(`unknown attribute '${key}' (known: ${ATTRIBUTE_NAMES.join(', ')})`);
      continue;
    }
    if (seen.has(key)) {
      fail(`'${key}' is given twice for this step`);
      continue;
    }
    seen.add(key);
    if (FLAGS.includes(key)) {
      if (value !== undefined) fail(`'${key}' takes no value: write just '> ${key}'`);
      else if (key === 'end') out.end = line;
      else if (key === 'addition') out.addition = true;
      else out.requiresIdentity = true;
      out.lines[key === 'requires-identity' ? 'requiresIdentity' : key] = line;
      continue;
    }
    if (!value) {
      fail(`'${key}' needs a value, like '> ${key}: ${example(key)}'`);
      continue;
    }
    if (key === 'next') out.next = { id: value, line };
    else if (key === 'channels') out.channels = parseList(value);
    else if (key === 'source') out.source = value;
    else {
      const sec = parseDuration(value);
      if (sec === undefined) fail(`'${value}' is not a duration: write seconds like '30s', minutes like '5m', or '1m30s'`);
      else out.timeLimitSec = sec;
    }
    out.lines[key === 'time-limit' ? 'timeLimitSec' : key] = line;
  }
  if (out.next && out.end !== undefined) issues.push({ file, line: out.end, message: "a step cannot both '> end' and have '> next:'" });
  return out;
}

function example(key: string): string {
  return { next: 'verify', channels: 'phone, online', 'time-limit': '30s', source: '2.2' }[key] ?? 'value';
}

/**
 * Where each part of a compiled pack came from, so an error found on the JSON (by the
 * schema or parsePack's semantic checks) can be reported as `file:line` in the folder the
 * team lead actually edits.
 */

export interface SourceLocation {
  /** Path inside the pack folder, e.g. `02-inbound-call.md`. */
  file: string;
  /** 1-based line number. */
  line: number;
}

export interface AuthoringIssue extends SourceLocation {
  message: string;
}

export type PathSegment = string | number;

export function formatIssue(issue: AuthoringIssue): string {
  return `${issue.file}:${issue.line}: ${issue.message}`;
}

export class SourceMap {
  private readonly at = new Map<string, SourceLocation>();

  set(path: readonly PathSegment[], loc: SourceLocation): void {
    this.at.set(path.join('/'), loc);
  }

  /** The location of the deepest recorded ancestor of `path` (an element or its owner). */
  locate(path: readonly PathSegment[]): SourceLocation | undefined {
    return this.resolve(path)?.loc;
  }

  /** Also says how many leading segments matched: 2 means only "somewhere in this procedure". */
  resolve(path: readonly PathSegment[]): { loc: SourceLocation; depth: number } | undefined {
    for (let n = path.length; n >= 0; n--) {
      const loc = this.at.get(path.slice(0, n).join('/'));
      if (loc) return { loc, depth: n };
    }
    return undefined;
  }
}

/**
 * Accepts the path shapes validators produce — `procedures[0].steps[1].next`,
 * `procedures.0.steps.1.next`, `/procedures/0/…` or an array — as segments.
 * Dots inside ids never appear here: paths index arrays by position.
 */
export function toSegments(path: string | readonly PathSegment[] | undefined): PathSegment[] {
  if (path === undefined) return [];
  if (typeof path !== 'string') return path.map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
  return path
    .split(/[.[\]/]+/)
    .map((s) => s.replace(/^"(.*)"$/, '$1'))
    .filter((s) => s && s !== '$')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * The procedure map's analysis and layout. Unreachable: no path from the start reaches the
 * step. Dead end: the run can get there but never finish from there (a loop with no way
 * out, or a next / choice naming a step that does not exist). Columns are the shortest
 * distance from the start; unreachable steps get a column of their own at the right.
 */
import type { ProcedureModel } from './source-model';

export interface MapNode {
  id: string;
  title: string;
  line: number;
  column: number;
  row: number;
  unreachable: boolean;
  deadEnd: boolean;
  end: boolean;
}

export interface MapEdge {
  from: string;
  to: string;
  /** The target is no step of this procedure. */
  missing: boolean;
}

export interface ProcedureMap {
  nodes: MapNode[];
  edges: MapEdge[];
  columns: number;
}

export function analyseProcedure(proc: ProcedureModel, lang: 'zh' | 'en'): ProcedureMap {
  const byId = new Map(proc.steps.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const queue = proc.start && byId.has(proc.start) ? [proc.start] : [];
  if (queue[0]) depth.set(queue[0], 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const to of byId.get(id)!.next) {
      if (byId.has(to) && !depth.has(to)) {
        depth.set(to, depth.get(id)! + 1);
        queue.push(to);
      }
    }
  }
  // Steps that can finish: the ends, and (backwards) everything with an edge to one of them.
  const finishes = new Set(proc.steps.filter((s) => s.end).map((s) => s.id));
  for (let grew = true; grew;) {
    grew = false;
    for (const s of proc.steps) {
      if (!finishes.has(s.id) && s.next.some((to) => finishes.has(to))) {
        finishes.add(s.id);
        grew = true;
      }
    }
  }
  const reachedColumns = Math.max(0, ...depth.values()) + 1;
  const rows = new Map<number, number>();
  const nodes = proc.steps.map((s): MapNode => {
    const column = depth.get(s.id) ?? reachedColumns;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    const title = (lang === 'en' && s.title.en) || s.title.zh || s.id;
    return { id: s.id, title, line: s.line, column, row, unreachable: !depth.has(s.id), deadEnd: depth.has(s.id) && !finishes.has(s.id), end: s.end };
  });
  const edges = proc.steps.flatMap((s) => s.next.map((to) => ({ from: s.id, to, missing: !byId.has(to) })));
  return { nodes, edges, columns: Math.max(...nodes.map((n) => n.column), 0) + 1 };
}

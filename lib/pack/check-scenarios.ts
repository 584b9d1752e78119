/** Checks of practice scenarios that the schema cannot express: ids unique, lines name real steps. */
import type { Procedure } from './schema';

type Report = (path: string, message: string) => void;

export function checkScenarios(procedure: Procedure, base: string, error: Report): void {
  const steps = new Set(procedure.steps.map((s) => s.id));
  const seen = new Set<string>();
  procedure.scenarios?.forEach((scenario, i) => {
    const at = `${base}.scenarios[${i}]`;
    if (seen.has(scenario.id)) error(`${at}.id`, `duplicate scenario id "${scenario.id}"`);
    seen.add(scenario.id);
    scenario.lines.forEach((line, k) => {
      if (!steps.has(line.step))
        error(
          `${at}.lines[${k}].step`,
          `unknown step "${line.step}" (a scenario line is said when the practice contact reaches a step of procedure "${procedure.id}")`,
        );
    });
  });
}

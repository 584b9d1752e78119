/** The active run: where it has been and is going, the current step, and the way on. */
import { useActiveRun } from './use-run';
import { StepList } from './StepList';
import { StepView } from './StepView';
import { NavBar } from './NavBar';
import { useAckGate } from './AckGate';

export function RunView() {
  const active = useActiveRun();
  // While reworded phrases wait for the agent's acknowledgement, there is no way on (nor its
  // shortcuts): the gate must not be skippable by pressing Next on a step without required items.
  const gated = useAckGate() !== null;
  if (!active) return null;
  const { run } = active;
  const current = run.path[run.path.length - 1];
  return (
    <>
      <div class="cc-scroll">
        <StepList />
        {/* A fresh StepView per visit resets step-local state: open guidance, results, a half-typed skip. */}
        <StepView key={`${run.id}:${run.path.length}:${current?.stepId ?? ''}`} />
      </div>
      {!gated && <NavBar />}
    </>
  );
}

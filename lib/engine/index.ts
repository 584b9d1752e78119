/** The procedure engine: pure, no browser or storage. pack → engine → store → components. */
export * from './run';
export { startRun, type StartOptions } from './start';
export { reduce } from './reduce';
export { whyNot, type Blocked, type BlockedCode, type EngineContext } from './why-not';
export { hasChoices, isEnd, shortestRouteToEnd, stepById } from './graph';
export { isIdentityVerified, outstandingRequired } from './gates';
export { canChoose, canFinish, canGoNext, currentStep, plannedRoute, progress, stepStatus, type Progress, type StepStatus } from './selectors';

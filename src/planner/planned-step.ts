import type { Change } from './change.js';
import type { Step } from './step.js';
import type { Observation } from '../state/observations.js';

/** A step with what the world holds for it and what would change: the input of the JSON plan and of apply. */
export interface PlannedStep {
  step: Step;
  observation: Observation<unknown>;
  change: Change;
}

import type { StepKind } from '../step-kind.js';
import { kubeconfigMerge } from './merge-step.js';

export const kinds: StepKind<any, any>[] = [kubeconfigMerge];

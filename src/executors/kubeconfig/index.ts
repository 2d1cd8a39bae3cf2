import type { StepKind } from '../step-kind.js';
import { kubeconfigMerge } from './merge-step.js';
import { kubeconfigUnmerge } from './unmerge-step.js';

export const kinds: StepKind<any, any>[] = [kubeconfigMerge, kubeconfigUnmerge];

import type { StepKind } from '../step-kind.js';
import { classKind } from './class.js';
import { poolKind } from './pool.js';

export const kinds: StepKind<any, any>[] = [poolKind, classKind];

import type { StepKind } from '../step-kind.js';
import { classKind } from './class.js';
import { poolKind } from './pool.js';
import { poolRetireKind } from './pool-retire.js';

export const kinds: StepKind<any, any>[] = [poolKind, classKind, poolRetireKind];

import type { StepKind } from '../step-kind.js';
import { classKind } from './class.js';
import { diskKind } from './disk.js';
import { drivesKind } from './drives.js';
import { poolKind } from './pool.js';
import { poolRetireKind } from './pool-retire.js';

export const kinds: StepKind<any, any>[] = [drivesKind, diskKind, poolKind, classKind, poolRetireKind];

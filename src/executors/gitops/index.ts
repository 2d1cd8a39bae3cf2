import type { StepKind } from '../step-kind.js';
import { appOfAppsKind } from './app-of-apps.js';
import { syncKind } from './sync.js';

export const kinds: StepKind<any, any>[] = [appOfAppsKind, syncKind];

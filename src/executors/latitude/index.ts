import type { StepKind } from '../step-kind.js';
import { regionKind } from './region.js';
import { serverKind } from './server.js';
import { serverRetireKind } from './server-retire.js';

export { clusterServers, type ServerOutput } from './reads.js';
export type { SiteChoice } from './site-choice.js';

export const kinds: StepKind<any, any>[] = [regionKind, serverKind, serverRetireKind];

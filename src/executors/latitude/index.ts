import type { StepKind } from '../step-kind.js';
import { regionKind } from './region.js';
import { serverKind } from './server.js';
import { serverRetireKind } from './server-retire.js';
import { firewallKind, networkRetireKind } from './firewall.js';
import { firewallPeersKind } from './firewall-peers.js';
import { networkKind } from './network.js';
import { networkAssignmentKind, networkAssignmentRetireKind } from './network-assignment.js';

export { clusterServers, type ServerOutput } from './reads.js';
export type { SiteChoice } from './site-choice.js';

export const kinds: StepKind<any, any>[] = [
  regionKind,
  serverKind,
  serverRetireKind,
  networkKind,
  networkAssignmentKind,
  networkAssignmentRetireKind,
  firewallKind,
  firewallPeersKind,
  networkRetireKind,
];

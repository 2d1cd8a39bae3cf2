/**
 * How nodes and their servers are named, and Latitude's limit on the result.
 * Latitude refuses hostnames over 32 characters: its Terraform provider checks it before
 * every create (`internal/validators/hostname.go`, `MaxHostnameLength`).
 */
export const MAX_HOSTNAME_LENGTH = 32;

export type NodeRole = 'controlplane' | 'worker';

/** `cp-0`, `worker-3`: the node's name in step ids. */
export const nodeName = (role: NodeRole, index: number): string => `${role === 'controlplane' ? 'cp' : 'worker'}-${index}`;

/** `<cluster>-<node>`: the server hostname and the Kubernetes Node name. */
export const nodeHostname = (cluster: string, node: string): string => `${cluster}-${node}`;

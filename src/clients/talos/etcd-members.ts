import { TalosError } from './errors.js';

/** One row of `talosctl etcd members`. */
export interface EtcdMember {
  /** Hex, as talosctl prints it and `etcd remove-member` takes it. */
  id: string;
  /** etcd's member name: Talos passes the node's hostname. */
  hostname: string;
  peerUrls: string[];
  clientUrls: string[];
  learner: boolean;
}

/**
 * `talosctl etcd members` prints a tabwriter table (`NODE ID HOSTNAME PEER URLS CLIENT URLS LEARNER`,
 * without NODE when the reply carries no node name); cells never hold spaces, URLs are comma-joined.
 */
export function parseEtcdMembers(stdout: string): EtcdMember[] {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = lines.shift();
  if (header === undefined) return [];
  if (!/^(NODE\s+)?ID\s+HOSTNAME\s+PEER URLS\s+CLIENT URLS\s+LEARNER\s*$/.test(header)) {
    throw new TalosError('Unknown', `talosctl etcd members printed an unexpected header: ${header}`, false);
  }
  const skip = header.startsWith('NODE') ? 1 : 0;
  return lines.map((line) => {
    const cells = line.trim().split(/\s+/).slice(skip);
    if (cells.length !== 5) throw new TalosError('Unknown', `talosctl etcd members printed an unexpected row: ${line}`, false);
    const [id, hostname, peers, clients, learner] = cells as [string, string, string, string, string];
    return { id, hostname, peerUrls: peers.split(','), clientUrls: clients.split(','), learner: learner === 'true' };
  });
}

/** The address a member's etcd peers with: where its node's Talos API answers too. */
export function memberAddress(member: EtcdMember): string | undefined {
  const url = member.peerUrls[0];
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return undefined;
  }
}

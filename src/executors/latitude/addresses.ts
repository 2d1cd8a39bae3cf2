import { clusterNodes } from '../../planner/nodes.js';
import type { PublicServer } from '../../spec/private-network.js';
import type { StepContext } from '../step-kind.js';
import { addr } from '../../planner/address.js';

/** The IPv4 address of a node's server, once `server/<node>` exists. */
export function serverAddress(ctx: StepContext, node: string): string | undefined {
  return ctx.outputOf(addr.server(node))?.ipv4 || undefined;
}

export function clusterEndpoint(ip: string): string {
  return `https://${ip}:6443`;
}

/** IPv4 addresses of the control planes whose servers exist, in node order. */
export function controlPlaneAddresses(ctx: StepContext): { node: string; ip: string }[] {
  return clusterNodes(ctx.spec)
    .filter((n) => n.role === 'controlplane')
    .flatMap((n) => {
      const ip = serverAddress(ctx, n.name);
      return ip ? [{ node: n.name, ip }] : [];
    });
}

/** The spec's servers with their public addresses, and the nodes whose server has none yet. */
export function publicServers(ctx: StepContext): { servers: PublicServer[]; pending: string[] } {
  const servers: PublicServer[] = [];
  const pending: string[] = [];
  for (const n of clusterNodes(ctx.spec)) {
    const ip = serverAddress(ctx, n.name);
    if (ip) servers.push({ node: n.name, role: n.role, ip });
    else pending.push(n.name);
  }
  return { servers, pending };
}

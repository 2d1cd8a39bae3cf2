import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiOutput } from '../../src/executors/kubernetes/api.js';
import type { ServerOutput } from '../../src/executors/latitude/reads.js';
import type { StepContext } from '../../src/executors/step-kind.js';
import { addr, parseAddress } from '../../src/planner/address.js';
import { compile } from '../../src/planner/compile.js';
import { retiredNodes } from '../../src/planner/nodes.js';
import { loadExample } from '../support/specs.js';

describe('step addresses', () => {
  it('every id compile makes parses back to what it is about', () => {
    const cluster = loadExample('ha.yaml').cluster;
    const { steps } = compile(cluster, { retired: retiredNodes(cluster, [`${cluster.metadata.name}-worker-9`]) });
    for (const s of steps) expect(parseAddress(s.id), s.id).toBeDefined();
    expect(parseAddress(addr.talosConfig('worker-1'))).toEqual({ type: 'talos/config', node: 'worker-1' });
    expect(parseAddress(addr.server('cp-0'))).toEqual({ type: 'server', node: 'cp-0' });
    expect(parseAddress(addr.platform('local-path'))).toEqual({ type: 'platform', component: 'local-path' });
    expect(parseAddress(addr.kubernetesApi)).toEqual({ type: 'kubernetes/api' });
  });

  it('refuses ids no constructor makes', () => {
    for (const id of ['server', 'server/', 'server/a/b', 'talos/config', 'platform/', 'nope/x', '']) expect(parseAddress(id), id).toBeUndefined();
  });

  it('types what a step reads from another by the address it reads', () => {
    const read = (ctx: StepContext) => {
      expectTypeOf(ctx.outputOf(addr.kubernetesApi)).toEqualTypeOf<ApiOutput | undefined>();
      expectTypeOf(ctx.outputOf(addr.server('cp-0'))).toEqualTypeOf<ServerOutput | undefined>();
      // @ts-expect-error a server's output has no kubeconfig
      void ctx.outputOf(addr.server('cp-0'))?.kubeconfigPath;
      // @ts-expect-error no step reads what talos/secrets leaves: it is not in StepOutputs
      void ctx.outputOf(addr.talosSecrets);
    };
    expect(read).toBeTypeOf('function');
  });
});

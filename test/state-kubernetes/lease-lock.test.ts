import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as os from 'node:os';
import { createInterface } from 'node:readline';
import type { V1Lease } from '@kubernetes/client-node';
import { bundleModules } from '../../scripts/bundle-modules.mjs';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { backendFromOptions, type StateBackend } from '../../src/state/backend.js';
import { connectStateCluster, type StateCluster } from '../../src/state/kubernetes/api.js';
import { tempFolder } from './context.js';

const kubeconfig = inject('kubeconfigPath');
const namespace = 'cto-state-lease-test';
const me = os.userInfo().username;
let bundle: string;
let sc: StateCluster;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sc = await connectStateCluster(kubeconfig);
  // The other process runs the real backend code, bundled, in its own node.
  bundle = await bundleModules(["export { backendFromOptions } from './src/state/backend.ts';", "export { StateFolder } from './src/state/folder.ts';"]);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const backend = async (cluster: string): Promise<StateBackend> =>
  backendFromOptions({ stateBackend: 'kubernetes', stateKubeconfig: kubeconfig, stateNamespace: namespace, cluster, folder: await tempFolder('lease') }, {});

interface Other {
  child: ChildProcess;
  /** The next line the other process prints. */
  next(): Promise<string>;
  send(line: string): void;
}

/** Another `cto` process: takes the lock, prints HELD/REFUSED, releases on "release". */
async function otherProcess(cluster: string, command: string, opts: { ttlMs: number; waitMs?: number }): Promise<Other> {
  const script = `
    import { createInterface } from 'node:readline';
    const { backendFromOptions, StateFolder } = await import(${JSON.stringify(bundle)});
    const backend = await backendFromOptions(
      { stateBackend: 'kubernetes', stateKubeconfig: ${JSON.stringify(kubeconfig)}, stateNamespace: ${JSON.stringify(namespace)}, cluster: ${JSON.stringify(cluster)}, folder: new StateFolder('/nonexistent') },
      {},
    );
    let lock;
    try {
      lock = await backend.lock({ command: ${JSON.stringify(command)}, ttlMs: ${opts.ttlMs}, waitMs: ${opts.waitMs ?? 0}, pollMs: 200, spec: 'cluster.yaml' });
      console.log('HELD ' + lock.info.id + (lock.warning ? ' WARNING ' + lock.warning : ''));
    } catch (err) {
      console.log('REFUSED ' + err.message);
    }
    for await (const line of createInterface({ input: process.stdin })) {
      if (line === 'release') { await lock.release(); console.log('RELEASED'); process.exit(0); }
    }
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return {
    child,
    next: async () => {
      const r = await lines.next();
      if (r.done) throw new Error(`the other process exited (${child.exitCode}) without a line`);
      return r.value;
    },
    send: (line) => child.stdin!.write(`${line}\n`),
  };
}

const readLease = (name: string) => sc.coordination.readNamespacedLease({ name, namespace });

describe('Lease lock', () => {
  it('a second process is refused naming the holder, its command and since when; the Lease says who holds it', async () => {
    const mine = await (await backend('refused')).lock({ command: 'cto apply -f cluster.yaml', ttlMs: 60_000 });
    expect(mine.warning).toBeUndefined();
    expect(mine.info.id).toMatch(new RegExp(`^${me}@${os.hostname()}/${process.pid}/[0-9a-f]{8}$`));

    const lease: V1Lease = await readLease('cto-lock-refused');
    expect(lease.spec!.holderIdentity).toBe(mine.info.id);
    expect(lease.spec!.leaseDurationSeconds).toBe(60);
    expect(lease.metadata!.annotations!['cto.dev/command']).toBe('cto apply -f cluster.yaml');
    expect(lease.metadata!.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cto', 'cto.dev/cluster': 'refused' });
    // Lease times are MicroTime on the wire: six fractional digits.
    expect(JSON.stringify(lease.spec!.renewTime)).toMatch(/\.\d{6}Z"$/);

    const other = await otherProcess('refused', 'cto plan', { ttlMs: 60_000 });
    expect(await other.next()).toBe(
      `REFUSED state is locked by ${me}@${os.hostname()} pid ${process.pid} running \`cto apply -f cluster.yaml\` since ${mine.info.startedAt}; ` +
        `if that run is dead, wait until the lease expires at ${mine.info.expiresAt} or run \`cto unlock -f cluster.yaml --state-backend kubernetes\``,
    );
    await mine.release();
    await expect(readLease('cto-lock-refused')).rejects.toMatchObject({ code: 404 });
  });

  it('a waiting process gets the lock once the holder releases it', async () => {
    const mine = await (await backend('waiting')).lock({ command: 'cto apply', ttlMs: 60_000 });
    const other = await otherProcess('waiting', 'cto apply', { ttlMs: 60_000, waitMs: 30_000 });
    // Still waiting after a while: it must not have printed anything.
    const line = other.next();
    const early = await Promise.race([line, new Promise((r) => setTimeout(() => r('still waiting'), 1500))]);
    expect(early).toBe('still waiting');
    await mine.release();
    expect(await line).toMatch(new RegExp(`^HELD ${me}@${os.hostname()}/${other.child.pid}/[0-9a-f]{8}$`));
    // And now this process is the one refused, naming the other.
    const refused = await (await backend('waiting')).lock({ command: 'cto plan', ttlMs: 60_000 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CtoError);
    expect((refused as Error).message).toContain(`pid ${other.child.pid} running \`cto apply\``);
    other.send('release');
    expect(await other.next()).toBe('RELEASED');
    const again = await (await backend('waiting')).lock({ command: 'cto plan', ttlMs: 60_000 });
    expect(again.warning).toBeUndefined();
    await again.release();
  });

  it('a holder killed mid-run loses the lease after its TTL, and the next taker gets it with a takeover warning', async () => {
    const other = await otherProcess('killed', 'cto apply', { ttlMs: 2_000 });
    const held = await other.next();
    expect(held).toMatch(/^HELD /);
    other.child.kill('SIGKILL');
    await once(other.child, 'exit');

    const kube = await backend('killed');
    const refused = await kube.lock({ command: 'cto apply', ttlMs: 60_000 }).catch((e: unknown) => e);
    expect((refused as Error).message).toContain(`pid ${other.child.pid} running \`cto apply\``);

    const started = Date.now();
    const taken = await kube.lock({ command: 'cto apply', ttlMs: 60_000, waitMs: 10_000, pollMs: 200 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(taken.warning).toMatch(new RegExp(`^took over a stale lock held by ${me}@${os.hostname()} pid ${other.child.pid} \\(expired at \\S+\\)$`));
    const lease = await readLease('cto-lock-killed');
    expect(lease.spec!.holderIdentity).toBe(taken.info.id);
    expect(lease.spec!.leaseTransitions).toBe(1);
    await taken.release();
  });

  it('renew pushes renewTime forward and fails once someone else took the lease; release leaves a taker’s lease alone', async () => {
    const kube = await backend('renew');
    const first = await kube.lock({ command: 'cto apply', ttlMs: 1_000 });
    const before = Date.parse(first.info.expiresAt);
    await new Promise((r) => setTimeout(r, 300));
    await first.renew();
    expect(Date.parse(first.info.expiresAt)).toBeGreaterThan(before);
    // Let it expire, then another run takes it over.
    await new Promise((r) => setTimeout(r, 1_200));
    const second = await kube.lock({ command: 'cto plan', ttlMs: 60_000 });
    expect(second.warning).toContain('took over a stale lock');
    await expect(first.renew()).rejects.toThrow(new RegExp(`^the state lock was taken by ${me}@${os.hostname()} pid ${process.pid} while this run held it$`));
    await first.release();
    expect((await readLease('cto-lock-renew')).spec!.holderIdentity).toBe(second.info.id);
    expect(await kube.unlock()).toMatchObject({ id: second.info.id, command: 'cto plan' });
    await expect(readLease('cto-lock-renew')).rejects.toMatchObject({ code: 404 });
    await expect(second.renew()).rejects.toThrow('the state lock was removed while this run held it');
  });

  it('of two processes taking over the same expired lease, exactly one wins', async () => {
    const kube = await backend('takeover-race');
    await kube.lock({ command: 'cto apply', ttlMs: 1_000 });
    await new Promise((r) => setTimeout(r, 1_100));
    const [a, b] = await Promise.all([otherProcess('takeover-race', 'a', { ttlMs: 60_000 }), otherProcess('takeover-race', 'b', { ttlMs: 60_000 })]);
    const lines = await Promise.all([a.next(), b.next()]);
    expect(lines.filter((l) => l.startsWith('HELD ')).length).toBe(1);
    expect(lines.filter((l) => l.startsWith('REFUSED state is locked by ')).length).toBe(1);
    expect((await readLease('cto-lock-takeover-race')).spec!.leaseTransitions).toBe(1);
  });

  it('two takers racing in one process both read the expired Lease; the resourceVersion lets only one update it', async () => {
    const kube = await backend('takeover-cas');
    await kube.lock({ command: 'cto apply', ttlMs: 1_000 });
    await new Promise((r) => setTimeout(r, 1_100));
    const results = await Promise.allSettled([1, 2, 3].map(async (i) => (await backend('takeover-cas')).lock({ command: `taker ${i}`, ttlMs: 60_000 })));
    const won = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<StateBackend['lock']>>> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(won[0]!.value.warning).toMatch(/^took over a stale lock held by /);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason.message).toContain(`running \`${won[0]!.value.info.command}\``);
    }
    const lease = await readLease('cto-lock-takeover-cas');
    expect(lease.spec!.holderIdentity).toBe(won[0]!.value.info.id);
    expect(lease.spec!.leaseTransitions).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { holderIdentity, isExpired, leaseInfo, leaseLockedError } from '../../src/state/kubernetes/lease-holder.js';

const lease = (holder: string | undefined, extra: Record<string, unknown> = {}) => ({
  metadata: { annotations: { 'cto.dev/command': 'cto apply -f c.yaml' } },
  spec: { holderIdentity: holder, leaseDurationSeconds: 30, acquireTime: '2026-01-01T10:00:00.000000Z', renewTime: '2026-01-01T10:05:00.123456Z', ...extra },
});

describe('Lease holder', () => {
  it('reads who holds a Lease, since when and until when, as the local lock describes it', () => {
    const id = holderIdentity('ann@corp', 'ci-7', 4242, 'beef0001');
    expect(id).toBe('ann@corp@ci-7/4242/beef0001');
    expect(leaseInfo(lease(id) as never)).toEqual({
      id,
      holder: 'ann@corp',
      host: 'ci-7',
      pid: 4242,
      command: 'cto apply -f c.yaml',
      startedAt: '2026-01-01T10:00:00.000Z',
      expiresAt: '2026-01-01T10:05:30.123Z',
    });
  });

  it('shows a foreign holder identity whole, and a Lease nobody holds as free', () => {
    expect(leaseInfo(lease('kube-controller-manager_abc') as never)).toMatchObject({ holder: 'kube-controller-manager_abc', host: 'unknown host', pid: 0 });
    expect(leaseInfo(lease(undefined) as never)).toBeUndefined();
    expect(leaseInfo(lease('') as never)).toBeUndefined();
  });

  it('expires exactly at renewTime + leaseDurationSeconds', () => {
    const info = leaseInfo(lease('a@b/1/x') as never)!;
    expect(isExpired(info, Date.parse('2026-01-01T10:05:30.122Z'))).toBe(false);
    expect(isExpired(info, Date.parse('2026-01-01T10:05:30.123Z'))).toBe(true);
  });

  it('the locked message has the local lock’s shape and points at the kubernetes unlock', () => {
    const e = leaseLockedError(leaseInfo(lease('a@b/1/x') as never)!, 'prod.yaml', 'Lease ns/cto-lock-prod on https://x');
    expect(e.message).toBe(
      'state is locked by a@b pid 1 running `cto apply -f c.yaml` since 2026-01-01T10:00:00.000Z; if that run is dead, wait until the lease expires at 2026-01-01T10:05:30.123Z or run `cto unlock -f prod.yaml --state-backend kubernetes`',
    );
    expect(e.diagnostics[0]!.hint).toBe('lock id a@b/1/x (Lease ns/cto-lock-prod on https://x)');
  });
});

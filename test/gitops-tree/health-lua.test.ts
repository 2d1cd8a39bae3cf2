// The Application health check cto writes into argocd-cm, run as Argo CD runs it (gopher-lua at Argo CD's
// pin, testenv/argocd-health-lua) on Applications in the states Argo CD reports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argocdObjects } from '../../src/executors/platform/argocd.js';
import { APPLICATION_HEALTH_KEY } from '../../src/gitops-tree/argocd-health.js';
import { testenvBin } from '../../testenv/paths.js';

/** Runs `script` on each object: what Argo CD would record as its health, or the script's error. */
function runHealthCheck(script: string, objects: object[]): { status?: string; message?: string; error?: string }[] {
  const file = join(mkdtempSync(join(tmpdir(), 'cto-health-lua-')), 'health.lua');
  writeFileSync(file, script);
  const out = execFileSync(testenvBin('argocd-health-lua'), [file], { input: JSON.stringify(objects), encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l));
}

/** A child Application as Argo CD's controller leaves it, with `health` as its status.health. */
const application = (health?: { status: string; message?: string }) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'mayastor', namespace: 'argocd', annotations: { 'argocd.argoproj.io/sync-wave': '1' } },
  spec: { project: 'platform', source: { repoURL: 'https://openebs.github.io/openebs', chart: 'openebs', targetRevision: '4.5.1' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'openebs' } },
  ...(health ? { status: { sync: { status: 'Synced', revision: '4.5.1' }, health, resources: [{ kind: 'Deployment', name: 'openebs-api-rest', namespace: 'openebs', status: 'Synced' }] } } : {}),
});

describe('the Application health check in argocd-cm', () => {
  const cm = argocdObjects([]).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'argocd-cm')!;
  const script = (cm.data as Record<string, string>)[APPLICATION_HEALTH_KEY]!;

  it('reports a child Application as Argo CD assessed it, message included, and Progressing before any assessment', () => {
    const results = runHealthCheck(script, [
      application({ status: 'Healthy' }),
      application({ status: 'Progressing', message: 'Waiting for rollout to finish: 0 of 1 updated replicas are available...' }),
      application({ status: 'Degraded', message: 'Deployment openebs-api-rest exceeded its progress deadline' }),
      application({ status: 'Missing' }),
      application(),
    ]);
    expect(results).toEqual([
      { status: 'Healthy' },
      { status: 'Progressing', message: 'Waiting for rollout to finish: 0 of 1 updated replicas are available...' },
      { status: 'Degraded', message: 'Deployment openebs-api-rest exceeded its progress deadline' },
      { status: 'Missing' },
      { status: 'Progressing' },
    ]);
  });

  it('the runner reports what Argo CD would: a Lua error, and Unknown for a status Argo CD does not know', () => {
    const [broken] = runHealthCheck('hs = {}\nif obj.status ~= nil then\nreturn hs', [application()]);
    expect(broken!.error).toMatch(/EOF|'end' expected/);
    const [odd] = runHealthCheck('return { status = "Fine" }', [application()]);
    expect(odd).toEqual({ status: 'Unknown', message: 'Lua returned an invalid health status' });
  });
});

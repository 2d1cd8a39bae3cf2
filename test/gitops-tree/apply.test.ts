import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeApi, KubeApiError } from '../../src/clients/kube/api.js';
import { parseManifests, type KubeObject } from '../../src/clients/kube/object.js';
import { applyOrder } from '../../src/clients/kube/order.js';
import { pollUntil } from '../../src/time/poll.js';
import { renderGitopsTree } from '../../src/gitops-tree/render.js';
import { rootApplication } from '../../src/gitops-tree/root-application.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { changesSharedObjects } from '../support/shared-objects.js';
import { exampleSpecFiles, loadExample } from './example-specs.js';

/** The real Argo CD CRDs of the version cto installs, as the test environment build fetched them. */
const CRDS = ['crds/application-crd.yaml', 'crds/appproject-crd.yaml'].map((f) => upstreamFile('argocd', f));
/** Argo CD objects go to a namespace of this test's own, so other tests' Applications are never touched. */
const NAMESPACE = 'gitops-tree-test';

let kube: KubeApi;
// Argo CD's CRDs.
changesSharedObjects(inject('kubeconfigPath'));

beforeAll(async () => {
  kube = await KubeApi.connect(inject('kubeconfigPath'));
  const signal = AbortSignal.timeout(120_000);
  for (const file of CRDS) {
    // As the product reads manifests: plain objects, which KubeApi.apply hands to the client's typed
    // model so kebab-case schema keys (x-kubernetes-preserve-unknown-fields…) survive.
    for (const crd of parseManifests(readFileSync(file, 'utf8'), file)) {
      await kube.apply(crd, { force: true });
      await pollUntil(
        () => kube.get(crd),
        (live) => {
          const established = ((live?.status as { conditions?: { type: string; status: string }[] })?.conditions ?? []).find((c) => c.type === 'Established');
          return { done: established?.status === 'True', message: `Established=${established?.status ?? 'unknown'}` };
        },
        { stepId: 'test', what: `CRD ${crd.metadata.name}`, signal },
      );
    }
  }
  await kube.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
});

function treeObjects(file: string): KubeObject[] {
  const spec = loadExample(file);
  const rendered = renderGitopsTree(spec).filter((f) => f.path.endsWith('.yaml'));
  const objects = [...rendered.flatMap((f) => parseManifests(f.content, f.path)), rootApplication(spec)];
  return objects.map((o) => (o.metadata.namespace ? { ...o, metadata: { ...o.metadata, namespace: NAMESPACE } } : o));
}

async function rejection(o: KubeObject): Promise<KubeApiError> {
  const err = await kube.apply(o).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the API server should have refused the object').toBeInstanceOf(KubeApiError);
  return err as KubeApiError;
}

describe('the GitOps tree on a real API server with the Argo CD CRDs', () => {
  it.each(exampleSpecFiles().map((f) => [path.basename(f), f]))('accepts every object rendered for %s', async (_name, file) => {
    const objects = applyOrder(treeObjects(file));
    expect(objects.map((o) => o.kind).sort()).toEqual(['AppProject', 'Application', 'Application', 'Namespace']);
    for (const o of objects) {
      const applied = await kube.apply(o);
      expect(applied.metadata.uid, `${o.kind} ${o.metadata.name}`).toEqual(expect.any(String));
      // Nothing was pruned by the schema: what the server stored is what we rendered.
      const live = (await kube.get(o))!;
      for (const key of Object.keys(o).filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k))) {
        expect(live[key], `${o.kind} ${o.metadata.name} .${key}`).toEqual(o[key]);
      }
      expect(live.metadata.labels ?? {}).toMatchObject(o.metadata.labels ?? {});
      expect(live.metadata.annotations ?? {}).toMatchObject(o.metadata.annotations ?? {});
    }
  });

  it('rejects an Application without a destination', async () => {
    const app = treeObjects(exampleSpecFiles()[0]!).find((o) => o.kind === 'Application' && o.metadata.name === 'mayastor')!;
    const { destination: _dropped, ...spec } = app.spec as Record<string, unknown>;
    const err = await rejection({ ...app, metadata: { ...app.metadata, name: 'no-destination' }, spec });
    expect(err.code).toBe(422);
    expect(err.message).toContain('spec.destination');
  });

  it('rejects an Application whose retry limit is not a number', async () => {
    const app = treeObjects(exampleSpecFiles()[0]!).find((o) => o.kind === 'Application' && o.metadata.name === 'mayastor')!;
    const spec = structuredClone(app.spec) as { syncPolicy: { retry: { limit: unknown } } };
    spec.syncPolicy.retry.limit = 'five';
    const err = await rejection({ ...app, metadata: { ...app.metadata, name: 'bad-retry' }, spec });
    // Server-side apply reports a type error while building the typed patch, as a 500 naming the field.
    expect(err.code).toBeGreaterThanOrEqual(400);
    expect(err.message).toContain('.spec.syncPolicy.retry.limit: expected numeric');
    expect(await kube.get({ ...app, metadata: { ...app.metadata, name: 'bad-retry' } })).toBeUndefined();
  });
});

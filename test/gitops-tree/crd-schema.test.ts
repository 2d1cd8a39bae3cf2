import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseManifests, type KubeObject } from '../../src/clients/kube/object.js';
import { renderGitopsTree } from '../../src/gitops-tree/render.js';
import { rootApplication } from '../../src/gitops-tree/root-application.js';
import { upstreamFile } from '../../testenv/upstream.js';
import { exampleSpecFiles, loadExample } from './example-specs.js';

/**
 * The same objects as apply.test.ts, checked offline against the openAPIV3Schema of the real
 * Argo CD CRDs (of the version cto installs): types and required fields (what the API server rejects), and fields the
 * schema does not declare (what the API server would silently prune).
 */
type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
};

const schemas = new Map<string, Schema>(
  ['crds/application-crd.yaml', 'crds/appproject-crd.yaml'].flatMap((f) =>
    parseManifests(readFileSync(upstreamFile('argocd', f), 'utf8'), f).map((crd) => {
      const spec = crd.spec as { names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] };
      return [spec.names.kind, spec.versions.find((v) => v.name === 'v1alpha1')!.schema.openAPIV3Schema] as [string, Schema];
    }),
  ),
);
// strict off: the schemas carry Kubernetes' x-kubernetes-* keywords, which the API server reads and ajv need not.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validators = new Map([...schemas].map(([kind, schema]) => [kind, ajv.compile(schema)]));

/** Paths of fields in `value` that `schema` does not declare. */
function undeclared(value: unknown, schema: Schema, at: string): string[] {
  if (schema['x-kubernetes-preserve-unknown-fields']) return [];
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => undeclared(v, schema.items!, `${at}[${i}]`)) : [];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const child = schema.properties?.[k] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
    return child ? undeclared(v, child, `${at}.${k}`) : [`${at}.${k}`];
  });
}

function argoObjects(file: string): KubeObject[] {
  const spec = loadExample(file);
  const rendered = renderGitopsTree(spec).filter((f) => f.path.endsWith('.yaml'));
  return [...rendered.flatMap((f) => parseManifests(f.content, f.path)), rootApplication(spec)].filter((o) => schemas.has(o.kind));
}

describe('the GitOps tree against the Argo CD v3.5.1 CRD schemas', () => {
  it.each(exampleSpecFiles().map((f) => [path.basename(f), f]))('every Application and AppProject of %s is valid and fully declared', (_n, file) => {
    const objects = argoObjects(file);
    expect(objects.map((o) => o.kind).sort()).toEqual(['AppProject', 'Application', 'Application']);
    for (const o of objects) {
      const schema = schemas.get(o.kind)!;
      const validate = validators.get(o.kind)!;
      expect(validate(o) ? [] : validate.errors, `${o.kind} ${o.metadata.name}`).toEqual([]);
      // metadata is the server's ObjectMeta, not part of the CRD schema.
      expect(undeclared({ ...o, metadata: undefined }, schema, o.kind), `${o.kind} ${o.metadata.name}`).toEqual([]);
    }
  });

  it('catches what the API server would reject or prune', () => {
    const app = argoObjects(exampleSpecFiles()[0]!).find((o) => o.metadata.name === 'mayastor')!;
    const schema = schemas.get('Application')!;
    const { destination: _d, ...noDestination } = app.spec as Record<string, unknown>;
    expect(validators.get('Application')!({ ...app, spec: noDestination })).toBe(false);
    const typo = structuredClone(app) as unknown as { spec: { syncPolicy: Record<string, unknown> } };
    typo.spec.syncPolicy.managedNamespaceMetadatas = typo.spec.syncPolicy.managedNamespaceMetadata;
    expect(undeclared({ ...typo, metadata: undefined }, schema, 'Application')).toEqual(['Application.spec.syncPolicy.managedNamespaceMetadatas']);
  });
});

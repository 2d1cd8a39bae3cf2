import { readFile } from 'node:fs/promises';
import { isRemoteSource, resolveSource } from '../../clients/helm/source.js';
import { parseManifests, type KubeObject } from '../../clients/kube/object.js';
import type { Cluster } from '../../spec/types.gen.js';
import type { StepContext } from '../step-kind.js';
import { parsedManifest } from './parsed-manifest.js';

/** Pinned upstream sources, used when the spec names no local chart or manifest. */
export function ciliumChartUrl(version: string): string {
  return `https://helm.cilium.io/cilium-${version}.tgz`;
}
export function localPathManifestUrl(version: string): string {
  return `https://raw.githubusercontent.com/rancher/local-path-provisioner/${version}/deploy/local-path-storage.yaml`;
}
export function argocdManifestUrl(version: string): string {
  return `https://raw.githubusercontent.com/argoproj/argo-cd/${version}/manifests/install.yaml`;
}

export function ciliumChartSource(spec: Cluster): string {
  return spec.spec.platform.cilium.chart ?? ciliumChartUrl(spec.spec.platform.cilium.version);
}

/** A chart or manifest source as a local path; relative paths are taken from the working directory. */
export function localSource(source: string, stepId: string, ctx: StepContext): Promise<string> {
  return resolveSource({ source, baseDir: process.cwd(), stepId, signal: ctx.signal }, ctx.state);
}

/**
 * Every object of a manifest source (a file or a URL). A URL's objects are parsed once per content, beside
 * its download in the state folder's cache (see parsed-manifest.ts); a local file is the user's own and
 * read as it is, with nothing written (`cto render` without state writes no state folder).
 */
export async function loadManifest(source: string, stepId: string, ctx: StepContext): Promise<KubeObject[]> {
  const text = await readFile(await localSource(source, stepId, ctx), 'utf8');
  return isRemoteSource(source) ? parsedManifest(text, source, ctx.state) : parseManifests(text, source);
}

/** Namespaces are the bootstrap step's: other manifests' copies would fight over their labels. */
export function withoutNamespaces(objects: KubeObject[]): KubeObject[] {
  return objects.filter((o) => !(o.kind === 'Namespace' && o.apiVersion === 'v1'));
}

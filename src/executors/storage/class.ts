import type { KubeApi } from '../../clients/kube/api.js';
import { objectError } from '../../clients/kube/errors.js';
import { objectRef, type KubeObject } from '../../clients/kube/object.js';
import { objectsKind, type ObjectsObserved } from '../platform/objects-kind.js';

export interface ClassDesired {
  name: string;
  replicas: number;
  default: boolean;
}

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

export function mayastorStorageClass(d: ClassDesired): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: d.name, ...(d.default ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {}) },
    provisioner: 'io.openebs.csi-mayastor',
    // Every StorageClass parameter is a string.
    parameters: { protocol: 'nvmf', repl: String(d.replicas) },
    allowVolumeExpansion: true,
  };
}

/** Other StorageClasses marked default: with two defaults, Kubernetes picks one of them for each claim. */
export function otherDefaults(classes: KubeObject[], ours: string): KubeObject[] {
  return classes.filter(
    (c) => c.metadata.name !== ours && [DEFAULT_CLASS_ANNOTATION, BETA_DEFAULT_CLASS_ANNOTATION].some((a) => c.metadata.annotations?.[a] === 'true'),
  );
}

async function defaultsToClear(kube: KubeApi, d: ClassDesired): Promise<KubeObject[]> {
  return d.default ? otherDefaults(await kube.list('storage.k8s.io/v1', 'StorageClass'), d.name) : [];
}

/** `storage/class`: the Mayastor StorageClass, and the default-class mark taken off any other class. */
export const classKind = objectsKind<ClassDesired>({
  kind: 'storage.class',
  render: async (step) => [mayastorStorageClass(step.desired)],
  sideEffects: {
    async plan(step, _ctx, kube): Promise<ObjectsObserved['changes']> {
      return (await defaultsToClear(kube, step.desired)).map((c) => ({
        ref: objectRef(c),
        action: 'update',
        fields: [{ path: `${objectRef(c)}: metadata.annotations.${DEFAULT_CLASS_ANNOTATION}`, before: 'true', after: undefined }],
      }));
    },
    async apply(step, _ctx, kube) {
      for (const c of await defaultsToClear(kube, step.desired)) {
        try {
          await kube.mergePatch(c, { metadata: { annotations: { [DEFAULT_CLASS_ANNOTATION]: null, [BETA_DEFAULT_CLASS_ANNOTATION]: null } } });
        } catch (err) {
          throw objectError(err, step.id, objectRef(c), 'removing the default-class annotation from');
        }
      }
    },
  },
});

import type { StepKind } from '../step-kind.js';
import { talosBootstrap } from './bootstrap.js';
import { talosConfig } from './config.js';
import { kubernetesApi } from '../kubernetes/api.js';
import { kubernetesNode } from '../kubernetes/node.js';
import { kubernetesNodeRetire } from '../kubernetes/node-retire.js';
import { talosReset } from './reset.js';
import { talosSecrets } from './secrets.js';
import { etcdSnapshot } from './etcd-snapshot.js';
import { kubernetesUpgrade } from './kubernetes-upgrade.js';
import { talosUpgrade } from './upgrade.js';

export const kinds: StepKind<any, any>[] = [talosSecrets, talosConfig, talosBootstrap, kubernetesApi, kubernetesNode, kubernetesNodeRetire, talosReset, etcdSnapshot, talosUpgrade, kubernetesUpgrade];

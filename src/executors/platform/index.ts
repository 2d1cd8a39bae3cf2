import type { StepKind } from '../step-kind.js';
import { argocdKind } from './argocd.js';
import { bootstrapKind } from './bootstrap.js';
import { ciliumKind } from './cilium.js';
import { localPathKind } from './local-path.js';

export { renderAccessHints } from './access.js';

export const kinds: StepKind<any, any>[] = [ciliumKind, bootstrapKind, localPathKind, argocdKind];

export { applicationHealthLua, APPLICATION_HEALTH_KEY } from './argocd-health.js';
export { checkGitopsTree } from './check.js';
export { renderGitopsTree, TREE_FILES, type TreeFile } from './render.js';
export { rootApplication, ROOT_APPLICATION } from './root-application.js';
export { writeGitopsTree } from './write.js';

import type { KubeconfigEntry } from '../../src/executors/kubeconfig/entry.js';

/**
 * Kubeconfigs as users have them — written by kubectl, talosctl, kind, cloud CLIs or by hand —
 * with comments, other contexts, flow style and empty lists: what merging and unmerging the
 * cluster's entry must leave exactly as it was.
 */

/** The cluster's admin entry, named for the user's file. */
export const entry = (over: Partial<KubeconfigEntry> = {}): KubeconfigEntry => ({
  name: 'cto-prod',
  cluster: { server: 'https://203.0.113.10:6443', 'certificate-authority-data': 'Q0EtREFUQQ==' },
  user: { 'client-certificate-data': 'Q0VSVA==', 'client-key-data': 'S0VZLURBVEE=' },
  namespace: 'default',
  ...over,
});

/** A user's kubeconfig as kubectl writes it, with comments, other contexts and odd formatting worth keeping. */
export const USER_FILE = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: QUFBQQ==
    server: https://staging.example.com:6443
  name: staging
# production is behind the VPN
- cluster:
    server: "https://prod.example.com"   # keep this comment
    insecure-skip-tls-verify: false
  name: prod
contexts:
- context:
    cluster: staging
    user: staging-admin
    namespace: web
  name: staging
- context: {cluster: prod, user: prod-sso}
  name: prod
current-context: staging
kind: Config
preferences: {}
users:
- name: staging-admin
  user:
    token: staging-token-value
- name: prod-sso
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: kubelogin
      args:
        - get-token
        - --oidc-issuer-url=https://sso.example.com
`;

/** Block-style kubeconfigs whose merge is a splice: unmerging gives them back byte for byte (current-context aside). */
export const BLOCK_FILES: Record<string, string> = {
  'kubectl, several contexts and comments': USER_FILE,

  'cloud CLI, no current context': `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: R0tFLUNB
    server: https://34.118.0.7
  name: gke_acme-prod_europe-west4_main
- cluster:
    certificate-authority-data: RUtTLUNB
    server: https://ABCDEF.gr7.eu-central-1.eks.amazonaws.com
  name: arn:aws:eks:eu-central-1:123456789012:cluster/payments
contexts:
- context:
    cluster: gke_acme-prod_europe-west4_main
    user: gke_acme-prod_europe-west4_main
  name: gke_acme-prod_europe-west4_main
- context:
    cluster: arn:aws:eks:eu-central-1:123456789012:cluster/payments
    user: arn:aws:eks:eu-central-1:123456789012:cluster/payments
  name: arn:aws:eks:eu-central-1:123456789012:cluster/payments
current-context: ""
kind: Config
preferences: {}
users:
- name: gke_acme-prod_europe-west4_main
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
      provideClusterInfo: true
- name: arn:aws:eks:eu-central-1:123456789012:cluster/payments
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args: [--region, eu-central-1, eks, get-token, --cluster-name, payments]
      command: aws
`,

  'talosctl style, indented lists, comments between items': `apiVersion: v1
kind: Config
clusters:
    # the lab
    - name: lab
      cluster:
        server: https://10.0.0.10:6443
        certificate-authority-data: TEFCLUNB
    - name: kind-kind
      cluster:
        server: https://127.0.0.1:39211   # kind
        certificate-authority-data: S0lORC1DQQ==
    # end of clusters
users:
    - name: admin@lab
      user:
        client-certificate-data: TEFCLUNFUlQ=
        client-key-data: TEFCLUtFWQ==
    - name: kind-kind
      user:
        client-certificate-data: S0lORC1DRVJU
        client-key-data: S0lORC1LRVk=
contexts:
    - name: admin@lab
      context:
        cluster: lab
        namespace: default
        user: admin@lab
    - name: kind-kind
      context:
        cluster: kind-kind
        user: kind-kind
current-context: admin@lab
preferences: {}
`,

  'empty lists, nothing else': `apiVersion: v1
kind: Config
clusters: []
contexts: []
users: []
current-context: ""
preferences: {}
`,

  'flow-style items in block lists, and an empty list': `apiVersion: v1
kind: Config
clusters:
  - {name: dev, cluster: {server: "https://dev.internal:6443", insecure-skip-tls-verify: true}}
contexts:
  - {name: dev, context: {cluster: dev, user: dev, namespace: sandbox}}
users: []
current-context: dev
`,

  'hand-written, keys in odd order, extensions': `# my clusters
kind: Config
apiVersion: v1
preferences:
  colors: true
users:
  - name: ops
    user:
      token: b3BzLXRva2Vu
current-context: ops
contexts:
  - name: ops
    context:
      cluster: ops
      user: ops
      extensions:
        - name: client.authentication.k8s.io/exec
          extension: {audience: ops}
clusters:
  - name: ops
    cluster:
      server: https://ops.example.net
`,
};

/** The original with `current-context` emptied where it named another context: the merge switched it to ours, and unmerging can only clear it. */
export const afterRoundTrip = (original: string) => original.replace(/^current-context: .*$/m, 'current-context: ""');

// Generated from schema/cluster.schema.json by scripts/gen-types.mjs. Do not edit.
// Properties with a default are required here: these are the types of the spec after defaults.

/**
 * A device path: a kernel name (`/dev/nvme1n1`) or a persistent link (`/dev/disk/by-id/…`, `/dev/disk/by-path/…`).
 */
export type DiskPath = string;
/**
 * An optional comparison (`>=`, `<=`, `>`, `<`, `==`) and a size with units.
 */
export type SizeCondition = string;

/**
 * A bare-metal Kubernetes cluster on Latitude.sh running Talos Linux, Cilium, Argo CD and Mayastor, as `cto plan` and `cto apply` build it.
 */
export interface Cluster {
  /**
   * Optional path or URL of this schema, for editors.
   */
  $schema?: string;
  /**
   * Version of the spec format.
   */
  apiVersion: 'cto.dev/v1alpha1';
  /**
   * Always `Cluster`.
   */
  kind: 'Cluster';
  /**
   * Identity of the cluster.
   */
  metadata: {
    /**
     * Cluster name: a DNS label of at most 40 characters. It prefixes every server hostname (`<name>-cp-0`), which Latitude limits to 32 characters, and tags the servers so that `cto` never touches servers of another cluster.
     */
    name: string;
  };
  /**
   * The desired cluster.
   */
  spec: {
    /**
     * Preset for values the spec leaves out; a value written in the spec always wins. `standard`: the original installer's defaults (2 Mayastor replicas, 1024 HugePages, 30m sync timeout). `minimal`: 1 Mayastor replica and 15m sync timeout, for a throw-away or single-worker cluster. `production`: 3 Mayastor replicas, 2048 HugePages and a 45m sync timeout; requires an odd control-plane count of at least 3.
     */
    profile: 'standard' | 'minimal' | 'production';
    /**
     * Where the servers come from.
     */
    provider: {
      /**
       * Latitude.sh account settings.
       */
      latitude: {
        /**
         * Latitude project id or slug (e.g. `${env:LATITUDE_PROJECT_ID}`).
         */
        project: string;
        /**
         * Latitude API key. Always write it as `${env:LATITUDE_API_KEY}`; it is never printed.
         */
        apiKey: string;
        /**
         * API base URL; point it at `cto sim serve` to run against the simulator.
         */
        endpoint: string;
        /**
         * Billing period of created servers.
         */
        billing: 'hourly' | 'monthly' | 'yearly';
        /**
         * Currency of the server prices a plan shows (the catalog's per-site `pricing`; Latitude publishes `USD` and `BRL`). A price the catalog does not give in it is shown as unknown.
         */
        currency: string;
      };
    };
    /**
     * Where the servers are placed: a fixed site, or the first site of a fallback list that has every plan in stock.
     */
    region: (
      | {
          [k: string]: unknown;
        }
      | {
          auto: true;
        }
    ) & {
      /**
       * Latitude site slug, e.g. `MIA2`.
       */
      site?: string;
      /**
       * Pick the first site of `fallback` where every requested plan is in stock.
       */
      auto?: boolean;
      /**
       * Sites tried in order when `auto` is true.
       *
       * @minItems 1
       *
       * Items: Latitude site slug.
       */
      fallback: [string, ...string[]];
    };
    /**
     * How many servers of which plan.
     */
    nodes: {
      controlPlane: Pool;
      workers: Pool1;
    };
    /**
     * Talos Linux settings.
     */
    talos: {
      /**
       * Talos version booted by iPXE and installed; also the config contract.
       */
      version: string;
      /**
       * Kubernetes version.
       */
      kubernetesVersion: string;
      /**
       * Image Factory schematic id for the iPXE boot and the installer image (default: vanilla Talos).
       */
      schematic: string;
      /**
       * Disk Talos installs itself to: a path (`/dev/nvme0n1`, `/dev/disk/by-path/pci-0000:c1:00.0-nvme-1`), or a selector that Talos resolves on each node (`machine.install.diskSelector`; the first disk that matches, in the node's disk order; one size condition, not a range).
       */
      installDisk: DiskPath | DiskSelector;
      /**
       * Number of 2 MiB HugePages on storage nodes (Mayastor needs at least 1024). Default from the profile: 1024.
       */
      hugepages: number;
      /**
       * Extra names and addresses for the Talos and Kubernetes API certificates.
       *
       * Items: A DNS name or IP address.
       */
      certSANs: string[];
      /**
       * Raw Talos machine-config patches (strategic merge), applied after the ones `cto` renders.
       */
      patches: {
        /**
         * Patches for every node.
         *
         * Items: A patch.
         */
        all: {}[];
        /**
         * Patches for control-plane nodes.
         *
         * Items: A patch.
         */
        controlPlane: {}[];
        /**
         * Patches for workers.
         *
         * Items: A patch.
         */
        workers: {}[];
      };
    };
    /**
     * Cluster networking.
     */
    network: {
      /**
       * Pod network (IPv4 CIDR).
       */
      podCIDR: string;
      /**
       * Service network (IPv4 CIDR); must not overlap `podCIDR`.
       */
      serviceCIDR: string;
      /**
       * A private network between the nodes: a Latitude virtual network (VLAN) in the cluster's site that every server is assigned to. Each node gets a static address in `subnet` (control planes from the first address up, workers from the last down, so scaling one group never renumbers the other); etcd, the kubelet, Cilium and Mayastor use these addresses. Changing `subnet` or `vip` on a live cluster needs `--allow-destroy`.
       */
      private?: {
        /**
         * IPv4 network in CIDR form, e.g. `10.8.0.0/24`; must not overlap `podCIDR` or `serviceCIDR` and must hold an address for every node.
         */
        subnet: string;
        /**
         * A Talos shared virtual IP on the private network for the Kubernetes API (an address of `subnet` that is no node's): the endpoint the nodes use when `controlPlane.endpoint` is not set. It moves to a healthy control plane when the one holding it fails.
         */
        vip?: string;
        /**
         * Network interface the VLAN arrives on, tagged (Latitude delivers it on the server's second NIC). Default: read from each node (`talosctl get links`): its one physical link that does not carry its public address; a node where that is not one link is refused, naming the links it has.
         */
        interface?: string;
      };
    };
    /**
     * How clients and nodes reach the Kubernetes API.
     */
    controlPlane?: {
      /**
       * A DNS name you manage that resolves to every control plane's public address (or to a load balancer in front of them): the endpoint of the merged kubeconfig and of the nodes. Without it the kubeconfig names cp-0's address, and the nodes use `network.private.vip` (or cp-0).
       */
      endpoint?: string;
    };
    /**
     * Who may reach the cluster from outside.
     */
    access?: {
      /**
       * Networks allowed to reach the Talos API (50000) and the Kubernetes API (6443). With it, every server gets a Latitude firewall as soon as it exists (only these networks reach 50000 and 6443, so Talos' unauthenticated maintenance mode is never open to the internet) and Talos' ingress firewall (every other cluster port only from `network.private.subnet`, which this needs). Both also open to the cluster's own servers' public addresses what the nodes reach there: the Talos API from the control planes and, with `controlPlane.endpoint`, the Kubernetes API and trustd (50001) from every server. `0.0.0.0/0` is accepted with a warning.
       *
       * @minItems 1
       *
       * Items: An IPv4 network in CIDR form, e.g. `203.0.113.7/32`.
       */
      adminCIDRs?: [string, ...string[]];
    };
    /**
     * Components installed before GitOps takes over.
     */
    platform: {
      /**
       * Cilium CNI with kube-proxy replacement.
       */
      cilium: {
        /**
         * Cilium chart version. The default is a release whose compatibility matrix covers the default `kubernetesVersion` (Cilium 1.20 is e2e-tested on Kubernetes 1.33–1.36).
         */
        version: string;
        /**
         * Chart source: a local chart folder or .tgz (air-gapped installs) or a chart URL. Default: the Cilium chart repository at `version`.
         */
        chart?: string;
        /**
         * Helm values merged on top of the Talos values `cto` sets.
         */
        values: {};
      };
      /**
       * local-path-provisioner, for Argo CD's and Mayastor's etcd volumes.
       */
      localPathProvisioner: {
        /**
         * Release tag.
         */
        version: string;
        /**
         * Manifest source: a local file or URL. Default: the release manifest of `version`.
         */
        manifest?: string;
      };
      /**
       * Argo CD.
       */
      argocd: {
        /**
         * Release tag.
         */
        version: string;
        /**
         * Manifest source: a local file or URL. Default: the release `install.yaml` of `version`.
         */
        manifest?: string;
      };
    };
    /**
     * The app-of-apps Argo CD syncs after install.
     */
    gitops?: {
      /**
       * Git repository URL.
       */
      repoURL: string;
      /**
       * Folder of the app-of-apps inside the repository.
       */
      path: string;
      /**
       * Branch, tag or commit.
       */
      revision: string;
      /**
       * How long to wait for Synced and Healthy, e.g. `30m`. Default from the profile: 30m.
       */
      syncTimeout: string;
      /**
       * Credentials for a private repository; write them as `${env:…}`.
       */
      credentials?: {
        /**
         * User name.
         */
        username: string;
        /**
         * Password or token.
         */
        password: string;
      };
    };
    /**
     * Replicated storage.
     */
    storage?: {
      /**
       * OpenEBS Mayastor on every worker.
       */
      mayastor?: {
        /**
         * Disk of each worker given to its DiskPool (wiped). A persistent link (`/dev/disk/by-id/…`, `/dev/disk/by-path/…`) is used as is; a selector is resolved on each worker to the one disk that matches, as its `/dev/disk/by-id/…` link; a kernel name (`/dev/nvme1n1`) is resolved on each worker, once, to the by-id link of the disk that has that name, and recorded. Never the install disk, a disk holding a Talos partition, or a disk below 10 GiB.
         */
        disk: DiskPath | DiskSelector;
        /**
         * Replicas per volume (the StorageClass `repl`), at most the number of workers. Default from the profile: 2.
         */
        replicas: number;
        /**
         * Make the Mayastor StorageClass the cluster default.
         */
        default: boolean;
        /**
         * Name of the StorageClass.
         */
        storageClassName: string;
        /**
         * OpenEBS umbrella chart version the GitOps tree pins.
         */
        chartVersion: string;
      };
    };
    /**
     * Where the cluster's kubeconfig is merged.
     */
    kubeconfig: {
      /**
       * File to merge into; default `$KUBECONFIG` when it names one file, else `~/.kube/config`.
       */
      path?: string;
      /**
       * Context name; default the cluster name.
       */
      context?: string;
    };
    /**
     * How Talos and Kubernetes upgrades and rebooting config changes roll out on a running cluster: control planes one at a time, then workers; each node gated on etcd quorum and healthy Mayastor volumes, cordoned and drained, and back on the new version and Ready before the next.
     */
    upgrade: {
      /**
       * Workers upgraded (drained and rebooted) at once. Control planes always go one at a time.
       */
      maxUnavailable: number;
      /**
       * How long a drain may wait for PodDisruptionBudgets before the rollout stops, naming the pods that block it.
       */
      drainTimeoutSeconds: number;
      /**
       * etcd snapshots kept in the state folder (`etcd/`); one is taken before the first disruptive step of an apply.
       */
      etcdSnapshots: number;
    };
    /**
     * Safety switches for destructive changes.
     */
    destroy: {
      /**
       * Allow replacing or deleting servers and wiping disks (the same as `--allow-destroy`).
       */
      allow: boolean;
    };
  };
}
/**
 * Control-plane servers (`cp-0`, `cp-1`, …); the count must be odd so etcd keeps quorum.
 */
export interface Pool {
  /**
   * Number of servers.
   */
  count: number;
  /**
   * Latitude plan slug.
   */
  plan: string;
}
/**
 * Worker servers (`worker-0`, …). Workers are the Mayastor storage nodes.
 */
export interface Pool1 {
  /**
   * Number of servers.
   */
  count: number;
  /**
   * Latitude plan slug.
   */
  plan: string;
}
/**
 * Which disk, by its attributes (the vocabulary of Talos' `machine.install.diskSelector`; globs as in Talos). Every field given must match.
 */
export interface DiskSelector {
  /**
   * Size condition as Talos writes it (`>= 1TB`, `< 2TiB`, `1.92TB` for equal; decimal and binary units), or a list of two for a range (`[">= 400GB", "<= 4TB"]`).
   */
  size?: SizeCondition | [SizeCondition] | [SizeCondition, SizeCondition];
  /**
   * Model glob (`/sys/block/<dev>/device/model`), e.g. `SAMSUNG MZQL2*`.
   */
  model?: string;
  /**
   * Serial number glob.
   */
  serial?: string;
  /**
   * `nvme` (NVMe transport), `ssd` (not rotational), `hdd` (rotational) or `sd` (SD/MMC card).
   */
  type?: 'nvme' | 'ssd' | 'hdd' | 'sd';
  /**
   * Bus path glob, e.g. `/pci0000:00/*`.
   */
  busPath?: string;
}

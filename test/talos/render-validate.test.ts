import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Talosctl } from '../../src/clients/talos/talosctl.js';
import { genConfigOptions, withoutPersist, type LiveFacts } from '../../src/executors/talos/render.js';
import { clusterNodes } from '../../src/planner/nodes.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { REPO_ROOT } from '../gitops-tree/example-specs.js';
import { loadExample } from '../support/specs.js';
import { localTalosctl, schemaErrors } from './support.js';

const EXAMPLES = readdirSync(join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const PROFILES = ['standard', 'minimal', 'production'] as const;

/** The example with `profile` set, or undefined when the example does not admit it (e.g. production needs 3 control planes). */
function withProfile(file: string, profile: string): Cluster | undefined {
  try {
    return loadExample(file, (t) => t.replace(/^spec:\n(  profile: \S+\n)?/m, `spec:\n  profile: ${profile}\n`)).cluster;
  } catch {
    return undefined;
  }
}

/** Talos releases we have official schemas for (testenv/upstream/modules), with a Kubernetes version each supports. */
const RELEASES = [
  { talos: 'v1.9.5', kubernetes: '1.32.3' },
  { talos: 'v1.12.6', kubernetes: '1.35.4' },
  { talos: 'v1.13.9', kubernetes: '1.36.3' },
];

const bundles = new Map<string, string>();
let talosctl: Talosctl;

beforeAll(async () => {
  talosctl = localTalosctl();
  for (const r of RELEASES) bundles.set(r.talos, await talosctl.genSecrets(r.talos.split('.').slice(0, 2).join('.')));
});

/** Renders every node of `spec` and checks it against the schema of `schemaVersion` and `talosctl validate --mode metal --strict`. */
async function renderAndValidate(spec: Cluster, schemaVersion: string, facts: LiveFacts = { vid: 2012, parent: 'eno2' }): Promise<{ node: string; config: string }[]> {
  const out = [];
  for (const node of clusterNodes(spec).filter((n, i, all) => all.findIndex((m) => m.role === n.role) === i)) {
    const options = genConfigOptions(spec, { node: node.name, hostname: node.hostname, role: node.role, storage: node.storage }, '127.0.10.1', bundles.get(schemaVersion)!, facts);
    const config = withoutPersist((await talosctl.genConfig(options)).config);
    expect(schemaErrors(schemaVersion, config), `${node.name} against schema ${schemaVersion}`).toEqual([]);
    await talosctl.validate(config);
    out.push({ node: node.name, config });
  }
  return out;
}

describe('every example × profile renders configs valid for their Talos version', () => {
  const cases = EXAMPLES.flatMap((file) => PROFILES.map((profile) => ({ file, profile, spec: withProfile(file, profile) }))).filter((c) => c.spec);

  it('covers every example and every profile', () => {
    expect(new Set(cases.map((c) => c.file))).toEqual(new Set(EXAMPLES));
    expect(new Set(cases.map((c) => c.profile))).toEqual(new Set(PROFILES));
  });

  it.each(cases.map((c) => [`${c.file} (${c.profile})`, c] as const))('%s', async (_name, c) => {
    const version = `v${c.spec!.spec.talos.version.replace(/^v/, '')}`;
    const rendered = await renderAndValidate(c.spec!, version);
    const worker = rendered.find((r) => r.node.startsWith('worker'));
    if (c.spec!.spec.storage?.mayastor && worker) {
      const v1 = parseAllDocuments(worker.config)[0]!.toJS();
      expect(v1.machine.sysctls['vm.nr_hugepages']).toBe(String(c.spec!.spec.talos.hugepages));
      expect(v1.machine.nodeLabels['openebs.io/engine']).toBe('mayastor');
    }
  });
});

describe('rendered config contents (two-node, every Talos release with a schema)', () => {
  it.each(RELEASES)('Talos $talos', async ({ talos, kubernetes }) => {
    const spec = loadExample('two-node.yaml', (t) =>
      t.replace('version: v1.13.9', `version: ${talos}\n    kubernetesVersion: ${kubernetes}`).replace('hugepages: 1024', 'hugepages: 3072'),
    ).cluster;
    const rendered = await renderAndValidate(spec, talos);
    const cp = parseAllDocuments(rendered.find((r) => r.node === 'cp-0')!.config).map((d) => d.toJS());
    const worker = parseAllDocuments(rendered.find((r) => r.node === 'worker-0')!.config).map((d) => d.toJS());
    const [cpMain, workerMain] = [cp[0], worker[0]];

    for (const main of [cpMain, workerMain]) {
      // local-path volumes land on whichever node runs their pod: every node mounts /var/local.
      expect(main.machine.kubelet.extraMounts).toContainEqual({ destination: '/var/local', type: 'bind', source: '/var/local', options: ['bind', 'rshared', 'rw'] });
      expect(main.cluster.network.cni.name).toBe('none');
      expect(main.cluster.network.podSubnets).toEqual(['10.244.0.0/16']);
      expect(main.cluster.network.serviceSubnets).toEqual(['10.96.0.0/12']);
      expect(main.cluster.proxy.disabled).toBe(true);
      expect(main.machine.features.kubePrism).toEqual({ enabled: true, port: 7445 });
      expect(main.machine.install.disk).toBe('/dev/nvme0n1');
      expect(main.machine.install.image).toBe(`factory.talos.dev/installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:${talos}`);
      // two-node.yaml has a private network: the nodes reach cp-0 on it.
      expect(main.cluster.controlPlane.endpoint).toBe('https://10.8.0.1:6443');
    }
    expect(cpMain.machine.type).toBe('controlplane');
    expect(cpMain.machine.sysctls?.['vm.nr_hugepages']).toBeUndefined();
    const psa = cpMain.cluster.apiServer.admissionControl.find((a: any) => a.name === 'PodSecurity');
    expect(psa.configuration.exemptions.namespaces).toContain('openebs');

    expect(workerMain.machine.type).toBe('worker');
    expect(workerMain.machine.sysctls['vm.nr_hugepages']).toBe('3072');
    expect(workerMain.machine.nodeLabels['openebs.io/engine']).toBe('mayastor');
    expect(workerMain.machine.kubelet.extraMounts).toContainEqual({ destination: '/var/local', type: 'bind', source: '/var/local', options: ['bind', 'rshared', 'rw'] });

    const hostnameOf = (docs: any[]) => docs.find((d) => d.kind === 'HostnameConfig')?.hostname ?? docs[0].machine.network?.hostname;
    expect(hostnameOf(cp)).toBe('cto-prod-cp-0');
    expect(hostnameOf(worker)).toBe('cto-prod-worker-0');
  });

  it.each(RELEASES)('Talos $talos: an install disk selector is machine.install.diskSelector, with no disk path', async ({ talos, kubernetes }) => {
    const spec = loadExample('two-node.yaml', (t) =>
      t.replace('version: v1.13.9', `version: ${talos}\n    kubernetesVersion: ${kubernetes}`).replace('installDisk: /dev/nvme0n1', 'installDisk: { type: nvme, size: ">= 1TB", model: "SAMSUNG*", busPath: "/pci0000:00/*" }'),
    ).cluster;
    for (const { config } of await renderAndValidate(spec, talos)) {
      const main = parseAllDocuments(config)[0]!.toJS();
      expect(main.machine.install.diskSelector).toEqual({ size: '>= 1TB', type: 'nvme', model: 'SAMSUNG*', busPath: '/pci0000:00/*' });
      expect(main.machine.install.disk).toBeUndefined();
    }
  });

  it.each(RELEASES)('Talos $talos: the private network, the VIP and the ingress firewall (ha.yaml)', async ({ talos, kubernetes }) => {
    const spec = loadExample('ha.yaml', (t) => t.replace('version: v1.13.9', `version: ${talos}\n    kubernetesVersion: ${kubernetes}`)).cluster;
    const controlPlanes = [
      { node: 'cp-0', ip: '198.51.100.10' },
      { node: 'cp-1', ip: '198.51.100.11' },
      { node: 'cp-2', ip: '198.51.100.12' },
    ];
    // The VIP is the endpoint: the servers open only apid to the control planes' public addresses (cto's reads through cp-0).
    const rendered = await renderAndValidate(spec, talos, { vid: 2012, parent: 'eno2', controlPlanes, peers: controlPlanes.map((c) => ({ ...c, role: 'controlplane' as const })) });
    const docsOf = (node: string) => parseAllDocuments(rendered.find((r) => r.node === node)!.config).map((d) => d.toJS());
    const [cp, worker] = [docsOf('cp-0'), docsOf('worker-0')];
    const multidoc = talos !== 'v1.9.5';
    for (const [docs, address, vip] of [[cp, '10.8.0.1/24', '10.8.0.100'], [worker, '10.8.0.254/24', undefined]] as const) {
      const main = docs[0];
      expect(main.cluster.controlPlane.endpoint).toBe('https://10.8.0.100:6443');
      expect(main.machine.kubelet.nodeIP.validSubnets).toEqual(['10.8.0.0/24']);
      expect(main.machine.features.kubePrism).toEqual({ enabled: true, port: 7445 });
      if (multidoc) {
        expect(docs.find((d) => d.kind === 'VLANConfig')).toEqual({ apiVersion: 'v1alpha1', kind: 'VLANConfig', name: 'eno2.2012', vlanID: 2012, parent: 'eno2', addresses: [{ address }] });
        expect(docs.find((d) => d.kind === 'Layer2VIPConfig')).toEqual(vip ? { apiVersion: 'v1alpha1', kind: 'Layer2VIPConfig', name: vip, link: 'eno2.2012' } : undefined);
      } else {
        expect(main.machine.network.interfaces).toMatchObject([{ interface: 'eno2', vlans: [{ vlanId: 2012, addresses: [address], ...(vip ? { vip: { ip: vip } } : {}) }] }]);
      }
      expect(docs.find((d) => d.kind === 'NetworkDefaultActionConfig')).toMatchObject({ ingress: 'block' });
      const rules = Object.fromEntries(docs.filter((d) => d.kind === 'NetworkRuleConfig').map((d) => [d.name, d]));
      expect(rules['apid-ingress'].ingress).toEqual(['203.0.113.0/24', '10.8.0.0/24', '198.51.100.10/32', '198.51.100.11/32', '198.51.100.12/32'].map((subnet) => ({ subnet })));
      expect(rules['kubelet-ingress'].ingress).toEqual([{ subnet: '10.8.0.0/24' }]);
      expect(rules['cni-vxlan'].portSelector).toEqual({ ports: [8472], protocol: 'udp' });
    }
    const ruleOf = (docs: typeof cp, name: string) => docs.find((d) => d.kind === 'NetworkRuleConfig' && d.name === name);
    // No DNS endpoint: the Kubernetes API and trustd are reached on the VLAN only.
    expect(ruleOf(cp, 'kubernetes-api-ingress').ingress).toEqual([{ subnet: '203.0.113.0/24' }, { subnet: '10.8.0.0/24' }]);
    expect(ruleOf(cp, 'trustd-ingress').ingress).toEqual([{ subnet: '10.8.0.0/24' }]);
    const cpRules = cp.filter((d) => d.kind === 'NetworkRuleConfig').map((d) => d.name);
    expect(cpRules).toEqual(expect.arrayContaining(['kubernetes-api-ingress', 'trustd-ingress', 'etcd-ingress']));
    expect(worker.filter((d) => d.kind === 'NetworkRuleConfig').map((d) => d.name)).toContain('mayastor-ingress');
    expect(cp[0].cluster.etcd.advertisedSubnets).toEqual(['10.8.0.0/24']);
    // Any control plane can serve the API when another is gone: every one's public and private address, and the VIP.
    expect(cp[0].cluster.apiServer.certSANs).toEqual(expect.arrayContaining(['k8s.cto-ha.example.com', '10.8.0.100', '198.51.100.10', '198.51.100.11', '198.51.100.12', '10.8.0.1', '10.8.0.2', '10.8.0.3']));
  });

  it('a DNS endpoint is what the nodes use, and is in the certificates', async () => {
    const spec = loadExample('ha.yaml', (t) => t.replace('  access:', '  controlPlane:\n    endpoint: k8s.cto-ha.example.net\n  access:')).cluster;
    const servers = ['cp-0', 'cp-1', 'cp-2', 'worker-0', 'worker-1'].map((node, i) => ({ node, role: node.startsWith('cp') ? ('controlplane' as const) : ('worker' as const), ip: `198.51.100.${10 + i}` }));
    const [cp, worker] = await renderAndValidate(spec, 'v1.13.9', { vid: 2012, parent: 'eno2', controlPlanes: servers.slice(0, 3), peers: servers });
    const main = parseAllDocuments(cp!.config)[0]!.toJS();
    expect(main.cluster.controlPlane.endpoint).toBe('https://k8s.cto-ha.example.net:6443');
    expect(main.cluster.apiServer.certSANs).toContain('k8s.cto-ha.example.net');
    // The name resolves to public addresses: every server reaches the control planes' Kubernetes API and trustd there.
    const rule = (config: string, name: string) => parseAllDocuments(config).map((d) => d.toJS()).find((d) => d.kind === 'NetworkRuleConfig' && d.name === name);
    const everyServer = servers.map((s) => ({ subnet: `${s.ip}/32` }));
    expect(rule(cp!.config, 'kubernetes-api-ingress').ingress).toEqual([{ subnet: '203.0.113.0/24' }, { subnet: '10.8.0.0/24' }, ...everyServer]);
    expect(rule(cp!.config, 'trustd-ingress').ingress).toEqual([{ subnet: '10.8.0.0/24' }, ...everyServer]);
    expect(rule(cp!.config, 'etcd-ingress').ingress).toEqual([{ subnet: '10.8.0.0/24' }]);
    expect(rule(worker!.config, 'apid-ingress').ingress).toEqual([{ subnet: '203.0.113.0/24' }, { subnet: '10.8.0.0/24' }, ...everyServer.slice(0, 3)]);
    expect(rule(worker!.config, 'kubernetes-api-ingress')).toBeUndefined();
  });

  it('talosctl validate rejects a broken config, so the checks above can fail', async () => {
    const spec = loadExample('two-node.yaml').cluster;
    const options = genConfigOptions(spec, { node: 'worker-0', hostname: 'cto-prod-worker-0', role: 'worker', storage: true }, '127.0.10.1', bundles.get('v1.13.9')!);
    const { config } = await talosctl.genConfig(options);
    const broken = config.replace(/^ +disk: \/dev\/nvme0n1\n/m, '');
    expect(broken).not.toBe(config);
    await expect(talosctl.validate(broken)).rejects.toMatchObject({ name: 'TalosError', message: expect.stringMatching(/install disk/) });
    // The raw talosctl output carries the deprecated `persist` the schema rejects: the schema check has teeth.
    expect(schemaErrors('v1.13.9', config).join('\n')).toContain('persist');
    expect(schemaErrors('v1.13.9', withoutPersist(config))).toEqual([]);
  });
});

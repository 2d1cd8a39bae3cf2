import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { redactMachineConfig } from '../../src/executors/talos/redact-config.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Every secret field Talos' `(*v1alpha1.Config).Redact` names, filled; the certificates and other fields must stay. */
const CONFIG = `version: v1alpha1
machine:
  type: worker
  token: abcdef.0123456789abcdef
  ca:
    crt: ${b64('CERT')}
    key: ""
  registries:
    config:
      registry.example.com:
        auth: { username: robot, password: hunter2-hunter2, auth: dXNlcjpwYXNz, identityToken: idtok-1234 }
        tls: { clientIdentity: { crt: ${b64('CLIENT CERT')}, key: ${b64('CLIENT KEY')} } }
  network:
    interfaces:
      - interface: wg0
        wireguard: { privateKey: wg-private-key-xyz }
        vip: { ip: 10.0.0.1, hcloud: { apiToken: hcloud-token-1 } }
        vlans:
          - vlanId: 5
            vip: { ip: 10.0.0.2, equinixMetal: { apiToken: em-token-1 } }
  systemDiskEncryption:
    state: { provider: luks2, keys: [{ slot: 0, static: { passphrase: state-pass-1 } }] }
    ephemeral: { provider: luks2, keys: [{ slot: 0, static: { passphrase: eph-pass-1 } }] }
cluster:
  id: cluster-id-1
  secret: cluster-secret-1
  token: abcdef.fedcba9876543210
  aescbcEncryptionSecret: aescbc-1
  secretboxEncryptionSecret: secretbox-1
  controlPlane: { endpoint: https://10.0.0.1:6443 }
  ca: { crt: ${b64('CA CERT')}, key: ${b64('CA KEY')} }
  aggregatorCA: { crt: ${b64('AGG CERT')}, key: ${b64('AGG KEY')} }
  serviceAccount: { key: ${b64('SA KEY')} }
  etcd: { ca: { crt: ${b64('ETCD CERT')}, key: ${b64('ETCD KEY')} } }
---
apiVersion: v1alpha1
kind: HostnameConfig
hostname: token
`;

describe('redactMachineConfig', () => {
  const docs = redactMachineConfig(CONFIG);
  const text = docs.join('---\n');
  const config = parse(docs[0]!) as any;

  it('replaces every secret Talos redacts, and the cluster id', () => {
    for (const secret of ['abcdef.0123456789abcdef', 'hunter2-hunter2', 'dXNlcjpwYXNz', 'idtok-1234', 'wg-private-key-xyz', 'hcloud-token-1', 'em-token-1', 'state-pass-1', 'eph-pass-1', 'cluster-id-1', 'cluster-secret-1', 'abcdef.fedcba9876543210', 'aescbc-1', 'secretbox-1']) {
      expect(text).not.toContain(secret);
    }
    for (const key of ['CLIENT KEY', 'CA KEY', 'AGG KEY', 'SA KEY', 'ETCD KEY']) expect(text).not.toContain(b64(key));
    expect(config.machine.registries.config['registry.example.com'].auth).toEqual({ username: 'robot', password: '<redacted>', auth: '<redacted>', identityToken: '<redacted>' });
    expect(config.machine.network.interfaces[0].vlans[0].vip.equinixMetal.apiToken).toBe('<redacted>');
    expect(config.machine.systemDiskEncryption.ephemeral.keys[0].static.passphrase).toBe('<redacted>');
  });

  it('keeps key fields decodable: base64 of the mark, with a comment saying so', () => {
    expect(Buffer.from(config.cluster.etcd.ca.key, 'base64').toString()).toBe('<redacted>');
    expect(text.match(/key: PHJlZGFjdGVkPg==,? # <redacted>$/gm)).toHaveLength(5);
  });

  it('leaves certificates, empty values, other fields and other documents as they were', () => {
    expect(config.cluster.ca.crt).toBe(b64('CA CERT'));
    expect(config.machine.ca.key).toBe('');
    expect(config.machine.registries.config['registry.example.com'].auth.username).toBe('robot');
    expect(config.cluster.controlPlane.endpoint).toBe('https://10.0.0.1:6443');
    expect(parse(docs[1]!)).toEqual({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', hostname: 'token' });
  });
});

import { isMap, isSeq, parseAllDocuments, Scalar, type Document } from 'yaml';

export const REDACTED_MARK = '<redacted>';

/**
 * The secret fields of a v1alpha1 machine config, as Talos' own
 * `(*v1alpha1.Config).Redact` lists them (pkg/machinery/config/types/v1alpha1/v1alpha1_provider.go
 * at v1.13.9), plus `cluster.id`, which names the cluster to the discovery service.
 * `*` is any map key or list item. `bytes` fields are base64 in YAML: Talos
 * decodes them, so they stay base64 (of the mark) and the config still loads.
 */
const SECRET_FIELDS: { path: string[]; bytes?: true }[] = [
  { path: ['machine', 'token'] },
  { path: ['machine', 'ca', 'key'], bytes: true },
  { path: ['machine', 'registries', 'config', '*', 'auth', 'password'] },
  { path: ['machine', 'registries', 'config', '*', 'auth', 'auth'] },
  { path: ['machine', 'registries', 'config', '*', 'auth', 'identityToken'] },
  { path: ['machine', 'registries', 'config', '*', 'tls', 'clientIdentity', 'key'], bytes: true },
  { path: ['machine', 'network', 'interfaces', '*', 'wireguard', 'privateKey'] },
  ...vipTokens(['machine', 'network', 'interfaces', '*', 'vip']),
  ...vipTokens(['machine', 'network', 'interfaces', '*', 'vlans', '*', 'vip']),
  { path: ['machine', 'systemDiskEncryption', 'state', 'keys', '*', 'static', 'passphrase'] },
  { path: ['machine', 'systemDiskEncryption', 'ephemeral', 'keys', '*', 'static', 'passphrase'] },
  { path: ['cluster', 'id'] },
  { path: ['cluster', 'secret'] },
  { path: ['cluster', 'token'] },
  { path: ['cluster', 'aescbcEncryptionSecret'] },
  { path: ['cluster', 'secretboxEncryptionSecret'] },
  { path: ['cluster', 'serviceAccount', 'key'], bytes: true },
  { path: ['cluster', 'ca', 'key'], bytes: true },
  { path: ['cluster', 'aggregatorCA', 'key'], bytes: true },
  { path: ['cluster', 'etcd', 'ca', 'key'], bytes: true },
];

function vipTokens(vip: string[]) {
  return [{ path: [...vip, 'equinixMetal', 'apiToken'] }, { path: [...vip, 'hcloud', 'apiToken'] }];
}

const REDACTED_BYTES = Buffer.from(REDACTED_MARK).toString('base64');

/**
 * A machine config's documents with every key, token and secret replaced (empty values
 * stay empty, as in Talos). String fields read `<redacted>`; key fields hold
 * the mark base64-encoded with a `# <redacted>` comment, so the printed config
 * still passes `talosctl validate`. Everything else keeps its text and layout.
 */
export function redactMachineConfig(config: string): string[] {
  const docs = parseAllDocuments(config);
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`machine config does not parse: ${doc.errors[0]!.message}`);
    if (doc.get('version') !== 'v1alpha1') continue;
    for (const field of SECRET_FIELDS) redactAt(doc as Document, doc.contents, field.path, field.bytes === true);
  }
  return docs.map((d) => d.toString().replace(/^---\n/, ''));
}

function redactAt(doc: Document, node: unknown, path: string[], bytes: boolean): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const children: { key: unknown; value: unknown }[] = isMap(node)
    ? node.items.filter((p) => head === '*' || (p.key as Scalar | undefined)?.value === head)
    : isSeq(node) && head === '*'
      ? node.items.map((value, key) => ({ key, value }))
      : [];
  for (const child of children) {
    if (rest.length > 0) {
      redactAt(doc, child.value, rest, bytes);
      continue;
    }
    const value = child.value;
    if (!(value instanceof Scalar) || value.value === '' || value.value === null) continue;
    value.value = bytes ? REDACTED_BYTES : REDACTED_MARK;
    if (bytes) value.comment = ` ${REDACTED_MARK}`;
  }
}

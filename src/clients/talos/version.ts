/** A Talos release as `vMAJOR.MINOR.PATCH`; talosctl of a minor renders and speaks that minor's config contract. */
export interface TalosVersion {
  major: number;
  minor: number;
  patch: number;
}

const TAG = /^v?(\d+)\.(\d+)\.(\d+)/;

export function parseTalosVersion(tag: string): TalosVersion | undefined {
  const m = TAG.exec(tag.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/** `Tag:` of the `Client:` block printed by `talosctl version --client`. */
export function clientTagFromVersionOutput(stdout: string): string | undefined {
  const m = /^\s*Tag:\s*(\S+)/m.exec(stdout);
  return m?.[1];
}

/** The `--talos-version` contract for a release: `v1.13.9` → `v1.13`. */
export function contractOf(version: TalosVersion): string {
  return `v${version.major}.${version.minor}`;
}

/** Whether a talosctl of version `have` can render and drive nodes of `want`: same major, minor at least as new. */
export function talosctlCovers(have: TalosVersion, want: TalosVersion): boolean {
  return have.major === want.major && have.minor >= want.minor;
}

/** `Tag:` of the `Server:` block printed by `talosctl version` (the node's running Talos). */
export function serverTagFromVersionOutput(stdout: string): string | undefined {
  return /Server:[\s\S]*?^\s*Tag:\s*(\S+)/m.exec(stdout)?.[1];
}

/**
 * Per node, the server `Tag:` of a `talosctl -n ip1,ip2,… version` answer: after `Server:`, one block
 * per node that answered, each opened by `NODE:` (apid's `metadata.hostname`, the address as given to
 * `-n`; talosctl `cmd/talosctl/cmd/talos/version.go` `cmdVersion`). A node that failed prints no block.
 */
export function serverTagsFromVersionOutput(stdout: string): Map<string, string> {
  const tags = new Map<string, string>();
  const server = /^Server:\s*$/m.exec(stdout);
  if (!server) return tags;
  let node: string | undefined;
  for (const line of stdout.slice(server.index).split('\n')) {
    const field = /^\s*(NODE|Tag):\s*(\S+)/.exec(line);
    if (field?.[1] === 'NODE') node = field[2];
    else if (field && node !== undefined && !tags.has(node)) tags.set(node, field[2]!);
  }
  return tags;
}

export function formatTalosVersion(v: TalosVersion): string {
  return `v${v.major}.${v.minor}.${v.patch}`;
}

/** Negative when `a` is older than `b`. */
export function compareVersions(a: TalosVersion, b: TalosVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

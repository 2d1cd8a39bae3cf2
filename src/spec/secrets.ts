/**
 * The set of secret values known to a run (API keys, Talos secrets,
 * kubeconfig keys, repo credentials). Every text leaving the process — events,
 * errors, plans, logs — passes through `redact`.
 */
export class SecretSet {
  /** Needles to replace: each value plus its base64 forms. */
  #needles = new Set<string>();
  #values = new Set<string>();

  add(value: string): void {
    // Short values would redact ordinary words and numbers; they are not
    // meaningful secrets anyway.
    if (value.length < MIN_LENGTH || this.#values.has(value)) return;
    this.#values.add(value);
    this.#needles.add(value);
    for (const encoded of base64Forms(value)) {
      if (encoded.length >= MIN_LENGTH) this.#needles.add(encoded);
    }
  }

  has(value: string): boolean {
    return this.#values.has(value);
  }

  redact(text: string): string {
    if (this.#needles.size === 0) return text;
    // Longest first so a secret that contains another is replaced whole.
    const sorted = [...this.#needles].sort((a, b) => b.length - a.length);
    let out = text;
    for (const needle of sorted) out = out.split(needle).join(REDACTED);
    return out;
  }

  get size(): number {
    return this.#values.size;
  }
}

export const REDACTED = '(sensitive)';
const MIN_LENGTH = 4;

/** Standard and URL-safe base64, with and without padding. */
function base64Forms(value: string): string[] {
  const std = Buffer.from(value, 'utf8').toString('base64');
  const unpadded = std.replace(/=+$/, '');
  const url = Buffer.from(value, 'utf8').toString('base64url');
  return [...new Set([std, unpadded, url])];
}

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

/**
 * How a value can appear base64-encoded: on its own (standard or URL-safe,
 * padded or not), and inside a longer encoded blob (a kubeconfig's
 * `client-key-data`, a Secret's data). Inside a blob the value may start at
 * any of three byte alignments; for each, the characters that encode only
 * the value's bytes are the same whatever surrounds it, so they are needles too.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const forms = [bytes.toString('base64'), bytes.toString('base64url')];
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset), bytes]);
    // Leading characters that mix in the preceding bytes, trailing one that mixes in the following.
    const skip = [0, 2, 3][offset]!;
    const trail = shifted.length % 3 === 0 ? 0 : 1;
    for (const alphabet of ['base64', 'base64url'] as const) {
      const encoded = shifted.toString(alphabet).replace(/=+$/, '');
      const core = encoded.slice(skip, encoded.length - trail);
      if (core.length >= MIN_EMBEDDED) forms.push(core);
    }
  }
  return [...new Set(forms)];
}

/** Shorter fragments would match unrelated base64 text too often. */
const MIN_EMBEDDED = 8;

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Values of private keys, tokens and secrets in a YAML file (certificates are public and left out). */
export function keyMaterial(text: string): string[] {
  return [...text.matchAll(/^\s*[\w-]*(?:key|token|secret)[\w-]*:\s+"?([A-Za-z0-9+/=._-]{16,})"?\s*$/gim)].map((m) => m[1]!);
}

export interface SecretScan {
  /** The secret values looked for: credentials from the environment, then key material of the secrets files. */
  secrets: string[];
  /** Every file of the state folder but the secrets files (`talos/`, `kubeconfig`). */
  stateFiles: string[];
  /** "<first 4 characters>… in <where>" for each secret found where it must not be. */
  leaks: string[];
  /** State files (secrets files included) or the folder itself readable by group or others. */
  exposed: string[];
  /** Secrets files with no key material in them: a scan that could not have found their leaks. */
  unscanned: string[];
}

/**
 * Greps `outputs` (what cto printed, plan files) and the state folder outside its secrets files for
 * `credentials` and the key material cto generated (Talos secrets, the admin kubeconfig).
 */
export function scanForSecrets(stateDir: string, credentials: string[], outputs: string[]): SecretScan {
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return ''; // not generated (a trial killed before it was)
    }
  };
  const secretsFiles = [join(stateDir, 'talos', 'secrets.yaml'), join(stateDir, 'kubeconfig')];
  const material = secretsFiles.map((f) => keyMaterial(read(f)));
  const secrets = [...credentials.filter(Boolean), ...material.flat()];
  const unscanned = secretsFiles.filter((_, i) => material[i]!.length === 0);
  const all = readdirSync(stateDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const stateFiles = all.filter((f) => !f.startsWith(`${join(stateDir, 'talos')}/`) && f !== join(stateDir, 'kubeconfig'));
  const haystacks: [string, string][] = [...outputs.map((o, i): [string, string] => [`output ${i + 1}`, o]), ...stateFiles.map((f): [string, string] => [f, read(f)])];
  const leaks = secrets.flatMap((secret) => haystacks.filter(([, text]) => text.includes(secret)).map(([where]) => `${secret.slice(0, 4)}… in ${where}`));
  const exposed = [stateDir, ...all].filter((f) => statSync(f).mode & 0o077);
  return { secrets, stateFiles, leaks, exposed, unscanned };
}

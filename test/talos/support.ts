import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import addFormats from 'ajv-formats';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { Talosctl } from '../../src/clients/talos/talosctl.js';
import { RunContext } from '../../src/executors/context.js';
import { SecretSet } from '../../src/spec/secrets.js';
import type { Cluster } from '../../src/spec/types.gen.js';
import { StateFolder } from '../../src/state/folder.js';
import { Journal } from '../../src/state/journal.js';
import { testenvBin } from '../../testenv/paths.js';
import { upstreamFile } from '../../testenv/upstream.js';

/** The real talosctl: the one `npm run testenv:build` built, or CTO_TALOSCTL when a test run sets it. */
export function talosctlBin(): string {
  return process.env.CTO_TALOSCTL || testenvBin('talosctl');
}

export function localTalosctl(secrets = new SecretSet()): Talosctl {
  return new Talosctl({ bin: talosctlBin(), talosconfig: '/nonexistent/talosconfig', redact: (t) => secrets.redact(t) });
}

/** A run over a fresh state folder, with the env pointing cto at the test talosctl. */
export function talosRun(spec: Cluster, env: Record<string, string | undefined> = {}): RunContext {
  const state = new StateFolder(mkdtempSync(join(tmpdir(), 'cto-talos-state-')));
  return new RunContext({ spec, secrets: new SecretSet(), state, journal: new Journal(state), env: { CTO_TALOSCTL: talosctlBin(), ...env } });
}

const validators = new Map<string, ReturnType<Ajv2020['compile']>>();

/** The official Talos config schema of a release the test environment holds (testenv/upstream/modules), compiled once. */
export function talosSchema(version: string): ReturnType<Ajv2020['compile']> {
  let v = validators.get(version);
  if (!v) {
    const schema = JSON.parse(readFileSync(upstreamFile('talos-schema', 'config.schema.json', version), 'utf8'));
    // The vendor schema carries editor keywords (markdownDescription, x-intellij-html-description).
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    v = ajv.compile(schema);
    validators.set(version, v);
  }
  return v;
}

/** Schema errors of every document of a multi-document config, as `doc N: path message`. */
export function schemaErrors(version: string, config: string): string[] {
  const validate = talosSchema(version);
  const out: string[] = [];
  parseAllDocuments(config).forEach((doc, i) => {
    if (!validate(doc.toJS())) for (const e of validate.errors ?? []) out.push(`doc ${i}: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  });
  return out;
}

import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCto } from '../support/cli.js';

const MODELINE = /^# yaml-language-server: \$schema=(\S+)$/m;

/** Validates a spec's raw YAML, `${env:…}` references unexpanded, as an editor's YAML language server does. */
function editorCheck(schemaFile: string, specText: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  return validate(parse(specText)) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
}

describe('the schema an editor reads', () => {
  it('cto init writes the schema beside the spec and its modeline names it by a relative path that resolves offline', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'cto-schema-'));
    mkdirSync(join(repo, 'clusters'));
    const spec = join(repo, 'clusters', 'prod.yaml');
    const r = await runCto(['init', '-o', spec, '--cluster-name', 'prod']);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(spec, 'utf8');
    const target = MODELINE.exec(text)?.[1];
    expect(target).toBeDefined();
    expect(target).not.toMatch(/^[a-z]+:/); // a path, not an address that must be reachable
    const schemaFile = resolve(dirname(spec), target!);
    expect(existsSync(schemaFile)).toBe(true);
    expect(schemaFile.startsWith(repo)).toBe(true);
    expect(r.stdout).toBe(`wrote ${spec}\nwrote ${schemaFile}\n`);
    expect(editorCheck(schemaFile, text)).toEqual([]);
    // The schema does check: an editor marks an unknown field.
    expect(editorCheck(schemaFile, text.replace('  talos:\n', '  tallos: {}\n  talos:\n'))).toEqual(['/spec must NOT have additional properties']);
  });

  it('cto schema --out FILE writes what cto schema prints', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cto-schema-')), 'cluster.schema.json');
    const r = await runCto(['schema', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).toBe((await runCto(['schema'])).stdout);
  });

  it('cto schema --out into a missing folder: a positioned error, exit 1', async () => {
    const file = join(tmpdir(), 'cto-no-such-dir', 'x', 'cluster.schema.json');
    const r = await runCto(['schema', '--out', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file}:1:1: cannot write the schema: ENOENT`));
  });
});

import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretSet } from '../../src/spec/secrets.js';
import { StateFolder } from '../../src/state/folder.js';
import { OBSERVATIONS_FILE, readObservations, recordObservations } from '../../src/state/observations.js';

const folder = () => new StateFolder(mkdtempSync(join(tmpdir(), 'cto-observations-')));

describe('recorded observations', () => {
  it('merges updates, drops removed and unknown steps, and keeps the file private', async () => {
    const state = folder();
    const secrets = new SecretSet();
    await recordObservations(state, new Map([
      ['server/cp-0', { state: 'present', value: { id: 'sv_1', hostname: 'c-cp-0' } }],
      ['server/worker-0', { state: 'absent' }],
      ['kubernetes/api', { state: 'unknown', reason: 'known after talos/bootstrap is applied' }],
    ]), secrets);
    await recordObservations(state, new Map([['server/worker-0', { state: 'present', value: { id: 'sv_2' } }], ['server/cp-0', undefined]]), secrets);
    expect(Object.fromEntries(await readObservations(state))).toEqual({ 'server/worker-0': { state: 'present', value: { id: 'sv_2' } } });
    expect(statSync(state.path(OBSERVATIONS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('never writes an observation that carries a secret value', async () => {
    const state = folder();
    const secrets = new SecretSet();
    secrets.add('s3cr3t-api-key-value');
    await recordObservations(state, new Map([
      ['gitops/app-of-apps', { state: 'present', value: { header: 'Bearer s3cr3t-api-key-value' } }],
      ['region', { state: 'present', value: { site: 'MIA2' } }],
    ]), secrets);
    expect((await state.read(OBSERVATIONS_FILE))!.toString()).not.toContain('s3cr3t');
    expect([...(await readObservations(state)).keys()]).toEqual(['region']);
  });

  it('reads nothing from a missing, unreadable or foreign-format record', async () => {
    const state = folder();
    expect((await readObservations(state)).size).toBe(0);
    await state.writeAtomic(OBSERVATIONS_FILE, '{ not json');
    expect((await readObservations(state)).size).toBe(0);
    await state.writeAtomic(OBSERVATIONS_FILE, JSON.stringify({ formatVersion: 99, steps: { region: { state: 'absent' } } }));
    expect((await readObservations(state)).size).toBe(0);
  });
});

import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CtoError } from '../../src/diagnostics/error.js';
import { kubeconfigTarget } from '../../src/executors/kubeconfig/target.js';

describe('kubeconfigTarget', () => {
  const HOME = '/home/me';

  it.each([
    ['spec path with ~', '~/clusters/prod.yaml', { HOME, KUBECONFIG: '/elsewhere' }, '/home/me/clusters/prod.yaml'],
    ['spec path ~ alone', '~', { HOME }, '/home/me'],
    ['absolute spec path', '/etc/kube/config', { HOME }, '/etc/kube/config'],
    ['relative spec path, from the working directory', 'kubeconfig', { HOME }, path.resolve('kubeconfig')],
    ['one file in $KUBECONFIG', undefined, { HOME, KUBECONFIG: '/tmp/one' }, '/tmp/one'],
    ['$KUBECONFIG with empty entries around one file', undefined, { HOME, KUBECONFIG: `${path.delimiter}/tmp/one${path.delimiter}` }, '/tmp/one'],
    ['~ in $KUBECONFIG', undefined, { HOME, KUBECONFIG: '~/k' }, '/home/me/k'],
    ['the default', undefined, { HOME }, '/home/me/.kube/config'],
    ['an empty $KUBECONFIG means the default', undefined, { HOME, KUBECONFIG: '' }, '/home/me/.kube/config'],
  ])('%s', (_name, specPath, env, expected) => {
    expect(kubeconfigTarget(specPath, env)).toBe(expected);
  });

  it('refuses several $KUBECONFIG files and asks for spec.kubeconfig.path', () => {
    const env = { HOME, KUBECONFIG: ['/a', '/b', '/c'].join(path.delimiter) };
    expect(() => kubeconfigTarget(undefined, env)).toThrow(CtoError);
    try {
      kubeconfigTarget(undefined, env);
    } catch (err) {
      expect((err as CtoError).diagnostics[0]).toMatchObject({
        severity: 'error',
        path: 'spec.kubeconfig.path',
        message: expect.stringContaining('names 3 files'),
        hint: expect.stringContaining('spec.kubeconfig.path'),
      });
    }
  });

  it('needs HOME only when a path uses it', () => {
    expect(kubeconfigTarget('/abs', {})).toBe('/abs');
    expect(() => kubeconfigTarget(undefined, {})).toThrow(/HOME is not set/);
    expect(() => kubeconfigTarget('~/x', {})).toThrow(/HOME is not set/);
  });
});

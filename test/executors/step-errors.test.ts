import { describe, expect, it } from 'vitest';
import { eventLine } from '../../src/cli/progress/lines.js';
import { KubeApiError } from '../../src/clients/kube/api.js';
import { objectError } from '../../src/clients/kube/errors.js';
import { LatitudeApiError, LatitudeNetworkError } from '../../src/clients/latitude/errors.js';
import { DecodeError } from '../../src/clients/latitude/wire.js';
import { parseTalosError, TalosError } from '../../src/clients/talos/errors.js';
import { CtoError } from '../../src/diagnostics/error.js';
import { renderDiagnostics } from '../../src/diagnostics/render.js';
import { execute } from '../../src/engine/execute.js';
import { observeAndDiff } from '../../src/engine/observe.js';
import { StepError, stepError, thrownBy } from '../../src/executors/step-error.js';
import type { StepKind } from '../../src/executors/step-kind.js';
import type { WalkEvent } from '../../src/executors/walk/events.js';
import { SecretSet } from '../../src/spec/secrets.js';
import { FakeClock } from '../support/fake-clock.js';
import { registry, step, syntheticRun } from '../support/synthetic.js';

const SECRET = 'lat_hunter2-live-api-key';
const STEP = 'talos/config/cp-0';

/** One error of each class a step can meet, a secret inside each, and what the user must read instead. */
const THROWN: { name: string; error: () => unknown; says: RegExp }[] = [
  {
    name: 'TalosError (TLS)',
    error: () => parseTalosError('rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"'),
    says: /talosctl: .*x509: certificate signed by unknown authority.* \(Unavailable\)\n  hint: the node's certificates are not from this cluster's Talos secrets/,
  },
  {
    name: 'TalosError (config refused)',
    error: () => parseTalosError(`error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed: token ${SECRET} is malformed`),
    says: /talosctl: configuration validation failed: token \(sensitive\) is malformed \(InvalidArgument\)/,
  },
  {
    name: 'KubeApiError',
    error: () => new KubeApiError(403, { message: `secrets "argocd-repo" is forbidden: User "${SECRET}" cannot get resource`, reason: 'Forbidden' }),
    says: /Kubernetes API answered 403 Forbidden: secrets "argocd-repo" is forbidden: User "\(sensitive\)"/,
  },
  {
    name: 'KubeApiError without a Status',
    error: () => new KubeApiError(502, undefined),
    says: /Kubernetes API answered 502$/,
  },
  {
    name: 'a Kubernetes object error (CtoError with a cause)',
    error: () => objectError(new KubeApiError(422, { message: `Secret "x" is invalid: ${SECRET}`, reason: 'Invalid' }), STEP, 'Secret argocd/x', 'applying'),
    says: /applying Secret argocd\/x failed \(HTTP 422 Invalid\): Secret "x" is invalid: \(sensitive\)/,
  },
  {
    name: 'LatitudeApiError',
    error: () => new LatitudeApiError(401, [{ title: 'Unauthorized', detail: `key ${SECRET} is revoked` }], 'GET', '/servers', 'req-7'),
    says: /Latitude API GET \/servers failed with 401: Unauthorized: key \(sensitive\) is revoked \(request id req-7\)\n  hint: the Latitude API key was refused/,
  },
  {
    name: 'LatitudeNetworkError',
    error: () => new LatitudeNetworkError('connection', 'POST', '/servers', 'ECONNRESET'),
    says: /Latitude API POST \/servers: connection failed \(ECONNRESET\)\n  hint: check the network/,
  },
  {
    name: 'DecodeError',
    error: () => new DecodeError('expected an object', 'data[0].attributes'),
    says: /unexpected Latitude API response: expected an object at data\[0\]\.attributes\n  hint: /,
  },
  {
    name: 'a plain Error',
    error: () => new Error(`could not write ${SECRET} to the kubeconfig`),
    says: /could not write \(sensitive\) to the kubeconfig$/,
  },
  {
    name: "undici's fetch failure (a TypeError with a cause)",
    error: () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' }) }),
    says: /fetch failed: connect ECONNREFUSED 127\.0\.0\.1:6443$/,
  },
  {
    name: 'a file-system error',
    error: () => Object.assign(new Error("ENOENT: no such file or directory, open '/state/talos/secrets.yaml'"), { code: 'ENOENT', errno: -2, syscall: 'open' }),
    says: /ENOENT: no such file or directory, open '\/state\/talos\/secrets\.yaml'$/,
  },
  { name: 'a thrown string', error: () => `gave up: ${SECRET}`, says: /gave up: \(sensitive\)$/ },
  { name: 'a thrown object', error: () => ({ code: 7, detail: SECRET }), says: /\{"code":7,"detail":"\(sensitive\)"\}$/ },
];

/** Observes absent; `apply` throws, or `observe` does with `onObserve`. */
function failing(thrown: unknown, onObserve = false, retryable?: (err: unknown) => boolean): StepKind {
  return {
    kind: 'test.failing',
    observe: async () => {
      if (onObserve) throw thrown;
      return { state: 'absent' };
    },
    diff: () => ({ action: 'create', fields: [], reason: 'does not exist' }),
    apply: async () => {
      throw thrown;
    },
    ...(retryable ? { retryable } : {}),
  };
}

function secrets(): SecretSet {
  const s = new SecretSet();
  s.add(SECRET);
  return s;
}

/** What a user reads: the CLI renders diagnostics as they come (main.ts does not redact). */
function expectReadable(text: string, says: RegExp): void {
  expect(text).toMatch(new RegExp(`^${STEP.replace(/\//g, '\\/')}: `));
  expect(text).toMatch(says);
  expect(text).not.toContain(SECRET);
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|\[object Object\]|undefined/);
  // The step is named once, not again by a message that names it itself.
  expect(text).not.toContain(`${STEP}: ${STEP}`);
}

describe('errors a step throws reach the user as CtoErrors that name the step', () => {
  for (const { name, error, says } of THROWN) {
    it(`plan: ${name}`, async () => {
      const run = syntheticRun(secrets());
      const kinds = registry(failing(error(), true));
      const err = await observeAndDiff([{ ...step(STEP, []), kind: 'test.failing' }], kinds, run, { parallelism: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CtoError);
      for (const d of (err as CtoError).diagnostics) expect(d.stepId).toBe(STEP);
      expectReadable(renderDiagnostics((err as CtoError).diagnostics), says);
    });

    it(`apply: ${name}`, async () => {
      const run = syntheticRun(secrets());
      const kinds = registry(failing(error()));
      const events: WalkEvent[] = [];
      const planned = await observeAndDiff([{ ...step(STEP, []), kind: 'test.failing' }], kinds, run, { parallelism: 1 });
      const results = await execute(planned, kinds, run, { parallelism: 1, allowDestroy: false, onEvent: (e) => events.push(e) });
      const result = results.get(STEP)!;
      expect(result.status).toBe('failed');
      // Translated where the step ran, not later by whoever renders it.
      expect(result.error).toBeInstanceOf(StepError);
      expectReadable(renderDiagnostics(stepError(STEP, result.error).diagnostics), says);
      const failed = events.find((e) => e.type === 'failed')!;
      const line = eventLine(failed)!.text;
      expect(line).toMatch(new RegExp(`^${STEP.replace(/\//g, '\\/')}: failed: `));
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(`${STEP}: ${STEP}`);
    });
  }

  it("keeps what the step threw for the kind's retry decision", async () => {
    const run = syntheticRun();
    const busy = parseTalosError('rpc error: code = FailedPrecondition desc = bootstrap is not available yet');
    let attempts = 0;
    const kind: StepKind = {
      ...failing(busy, false, (err) => err instanceof TalosError && err.retryable),
      apply: async () => {
        if (++attempts < 3) throw busy;
        return {};
      },
    };
    const planned = await observeAndDiff([{ ...step(STEP, []), kind: 'test.failing' }], registry(kind), run, { parallelism: 1 });
    const results = await execute(planned, registry(kind), run, { parallelism: 1, allowDestroy: false, clock: new FakeClock() });
    expect(results.get(STEP)).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('translates once: an error already translated is passed on as it is, its thrown error kept', () => {
    const original = new KubeApiError(500, undefined);
    const once = stepError(STEP, original);
    expect(stepError('other/step', once)).toBe(once);
    expect(thrownBy(once)).toBe(original);
    expect(thrownBy(original)).toBe(original);
  });
});

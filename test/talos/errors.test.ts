import { describe, expect, it } from 'vitest';
import { parseTalosError } from '../../src/clients/talos/errors.js';

// Verbatim error texts from talos-stack.md (§1.3–1.5, §8) and the Talos sources they cite.
const X509 =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"';

describe('parseTalosError', () => {
  it('a refused connection while a node reboots is Unavailable and retryable', () => {
    const e = parseTalosError(
      'error getting resources: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 127.0.10.2:50000: connect: connection refused"\n',
    );
    expect(e.code).toBe('Unavailable');
    expect(e.retryable).toBe(true);
    expect(e.tls).toBeUndefined();
  });

  it('an i/o timeout without a gRPC status is Unavailable and retryable', () => {
    const e = parseTalosError('error: dial tcp 10.0.0.5:50000: i/o timeout');
    expect(e).toMatchObject({ code: 'Unavailable', retryable: true });
  });

  it('x509 unknown authority arrives as Unavailable but is not retryable and names the TLS problem', () => {
    const e = parseTalosError(X509);
    expect(e).toMatchObject({ code: 'Unavailable', retryable: false, tls: 'unknown-authority' });
  });

  it('certificate required (insecure client to a configured node) is flagged', () => {
    const e = parseTalosError('rpc error: code = Unavailable desc = connection error: desc = "remote error: tls: certificate required"');
    expect(e).toMatchObject({ retryable: false, tls: 'certificate-required' });
  });

  it.each([
    ['error executing bootstrap: rpc error: code = FailedPrecondition desc = bootstrap is not available yet', true],
    ['error executing bootstrap: rpc error: code = FailedPrecondition desc = time is not in sync yet', true],
    ['rpc error: code = FailedPrecondition desc = another apply configuration is already in progress', true],
    ['rpc error: code = FailedPrecondition desc = configuration was already applied and node is rebooting, cannot apply more configuration changes until next reboot', true],
    ['rpc error: code = FailedPrecondition desc = bootstrap is only available on control plane nodes', false],
  ])('FailedPrecondition %s → retryable %s', (text, retryable) => {
    const e = parseTalosError(text);
    expect(e.code).toBe('FailedPrecondition');
    expect(e.retryable).toBe(retryable);
  });

  it('a wrong install disk is InvalidArgument, not retryable, with the node message', () => {
    const e = parseTalosError(
      'error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed: specified install disk does not exist: "/dev/sda"',
    );
    expect(e.code).toBe('InvalidArgument');
    expect(e.retryable).toBe(false);
    expect(e.message).toBe('configuration validation failed: specified install disk does not exist: "/dev/sda"');
  });

  it('multi-error validation text (go-multierror) is flattened to one line', () => {
    const e = parseTalosError(
      'error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed: 2 errors occurred:\n\t* specified install disk does not exist: "/dev/sda"\n\t* cluster endpoint is invalid\n\n',
    );
    expect(e.message).toBe('configuration validation failed: specified install disk does not exist: "/dev/sda"; cluster endpoint is invalid');
  });

  it('bootstrap on an already bootstrapped node is AlreadyExists', () => {
    const e = parseTalosError('error executing bootstrap: rpc error: code = AlreadyExists desc = etcd data directory is not empty');
    expect(e).toMatchObject({ code: 'AlreadyExists', retryable: false, message: 'etcd data directory is not empty' });
  });

  it('multi-node wrapping (`1 error occurred: * ip: …`) still finds the status', () => {
    const e = parseTalosError('1 error occurred:\n\t* 127.0.10.1: rpc error: code = Unimplemented desc = API is not implemented in maintenance mode\n\n');
    expect(e).toMatchObject({ code: 'Unimplemented', retryable: false });
  });

  it('usage text after an error is dropped', () => {
    const e = parseTalosError('Error: unknown flag: --bogus\nUsage:\n  talosctl get <type> [<id>] [flags]\n');
    expect(e.code).toBe('Unknown');
    expect(e.message).not.toContain('Usage');
  });

  it('redacts secrets from the kept message', () => {
    const e = parseTalosError('rpc error: code = InvalidArgument desc = bad token abcdef.0123456789abcdef', (t) => t.replaceAll('abcdef.0123456789abcdef', '(sensitive)'));
    expect(e.message).toBe('bad token (sensitive)');
  });
});

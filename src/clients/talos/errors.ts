/**
 * Failures of a `talosctl` call, parsed from its stderr. talosctl exits 1 on
 * every error and prints the gRPC status text (`rpc error: code = X desc = …`),
 * sometimes wrapped (`error executing bootstrap: …`, `1 error occurred: * ip: …`).
 */
export type TalosErrorCode =
  | 'Unavailable'
  | 'FailedPrecondition'
  | 'InvalidArgument'
  | 'AlreadyExists'
  | 'Unauthenticated'
  | 'PermissionDenied'
  | 'NotFound'
  | 'Unimplemented'
  | 'DeadlineExceeded'
  | 'Canceled'
  | 'Internal'
  | 'Unknown';

/**
 * Which side of the TLS handshake refused: `unknown-authority` = our
 * talosconfig does not match the node's CA (node in maintenance mode, or a
 * talosconfig from different secrets); `certificate-required` = the node is
 * configured and we spoke to it with `--insecure`.
 */
export type TlsProblem = 'unknown-authority' | 'certificate-required';

export class TalosError extends Error {
  constructor(
    readonly code: TalosErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly tls?: TlsProblem,
  ) {
    super(message);
    this.name = 'TalosError';
  }
}

const GRPC_STATUS = /rpc error: code = (\w+) desc = ([\s\S]*)/;

/**
 * Messages that say "too early, ask again": the node is booting, installing or busy, or about to
 * reboot into a config applied with a reboot (machined's `applyConfigRebooted`, held until it goes down).
 */
const RETRYABLE_PRECONDITIONS = [/not available yet/, /time is not in sync/, /another apply configuration is already in progress/, /configuration was already applied and node is rebooting/];

/** Transport failures while a node reboots or its API is not up yet. */
const TRANSPORT = [/connection refused/, /i\/o timeout/, /connection reset by peer/, /no route to host/, /EOF$/, /context deadline exceeded/];

const KNOWN_CODES = new Set<string>([
  'Unavailable',
  'FailedPrecondition',
  'InvalidArgument',
  'AlreadyExists',
  'Unauthenticated',
  'PermissionDenied',
  'NotFound',
  'Unimplemented',
  'DeadlineExceeded',
  'Canceled',
  'Internal',
]);

/**
 * Turns talosctl's stderr into a typed error. `redact` removes secret values
 * before the text is kept (stderr may echo config fragments).
 */
export function parseTalosError(stderr: string, redact: (text: string) => string = (t) => t): TalosError {
  const text = redact(stripUsage(stderr).trim());
  const tls = tlsProblem(text);
  const status = GRPC_STATUS.exec(text);
  if (status) {
    const code = (KNOWN_CODES.has(status[1]!) ? status[1] : 'Unknown') as TalosErrorCode;
    const desc = flattenMultiError(status[2]!);
    return new TalosError(code, desc, isRetryable(code, desc, tls), tls);
  }
  if (tls) return new TalosError('Unauthenticated', firstLine(text), false, tls);
  if (TRANSPORT.some((re) => re.test(text))) return new TalosError('Unavailable', firstLine(text), true);
  return new TalosError('Unknown', text || 'talosctl failed without a message', false);
}

function isRetryable(code: TalosErrorCode, desc: string, tls: TlsProblem | undefined): boolean {
  // A certificate mismatch arrives as Unavailable, but asking again never helps.
  if (tls) return false;
  switch (code) {
    case 'Unavailable':
    case 'DeadlineExceeded':
      return true;
    case 'FailedPrecondition':
      return RETRYABLE_PRECONDITIONS.some((re) => re.test(desc));
    case 'Unknown':
    case 'Internal':
      return TRANSPORT.some((re) => re.test(desc));
    default:
      return false;
  }
}

function tlsProblem(text: string): TlsProblem | undefined {
  if (/x509: certificate signed by unknown authority/.test(text)) return 'unknown-authority';
  if (/tls: certificate required/.test(text)) return 'certificate-required';
  return undefined;
}

/** Usage errors print the command's usage after the error; keep the error. */
function stripUsage(stderr: string): string {
  const at = stderr.indexOf('\nUsage:');
  return at === -1 ? stderr : stderr.slice(0, at);
}

/** go-multierror's `1 error occurred:\n\t* a\n\t* b` as `a; b`. */
function flattenMultiError(desc: string): string {
  return desc
    .replace(/\d+ errors? occurred:\s*(\*\s*)?/g, '')
    .split(/\n\s*\*\s*/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join('; ');
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '');
  return (line ?? text).replace(/^error:\s*/, '').trim();
}

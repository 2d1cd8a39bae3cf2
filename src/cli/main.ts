import { cac } from 'cac';
import { CtoError } from '../diagnostics/error.js';
import { renderDiagnostics } from '../diagnostics/render.js';
import { STDIN } from './stdin.js';
import { version } from '../engine/version.js';
import { envConfig } from '../config/env.js';

/**
 * Entry point. Each command's module is imported only when that command runs, so `--help` and
 * `validate` never pay for the Kubernetes client or undici.
 */
const cli = cac('cto');

cli
  .command('validate', 'Check a spec against the schema and the semantic rules')
  .option('-f, --file <file>', 'Spec file (- for stdin)')
  .option('--gitops <dir>', 'Also check a GitOps tree against the spec')
  .option('--require-env', 'Make unset ${env:NAME} variables errors (by default a note: plan and apply need them)')
  .example('cto validate -f cluster.yaml')
  .action(run(async (o) => (await import('./commands/validate.js')).validateCommand(o)));

cli
  .command('graph', 'Print the step graph')
  .option('-f, --file <file>', 'Spec file (- for stdin)')
  .option('--format <format>', 'text | dot | mermaid', { default: 'text' })
  .action(run(async (o) => (await import('./commands/graph.js')).graphCommand(o)));

cli
  .command('schema', 'Print the JSON Schema of the spec (editors read it through the spec\'s modeline)')
  .option('--out <file>', 'Write it to FILE instead, e.g. beside the specs in their repository')
  .action(run(async (o) => (await import('./commands/schema.js')).schemaCommand(o)));

cli
  .command('init', 'Write a commented cluster.yaml from the original installer flags')
  .option('-o, --out <file>', 'Where to write the spec (and cluster.schema.json beside it)', { default: 'cluster.yaml' })
  .option('--force', 'Overwrite existing files')
  .option('--cluster-name <name>', 'Cluster name', { default: 'cto-prod' })
  .option('--region <site>', 'Latitude site, e.g. MIA2')
  .option('--auto-region', 'Pick the first fallback region with stock')
  .option('--fallback-regions <list>', 'Comma-separated sites for --auto-region', { default: 'MIA2,DAL,ASH,LAX' })
  .option('--nodes <n>', 'Total nodes (1 control plane below 6 nodes, else 3)', { default: 2 })
  .option('--cp-plan <plan>', 'Control-plane plan', { default: 'c2-small-x86' })
  .option('--worker-plan <plan>', 'Worker plan (default c3-small-x86: Mayastor needs a second drive)')
  .option('--storage-disk <disk>', 'Disk for Mayastor on each worker: a /dev/disk/by-id or by-path link, or a kernel name resolved once per worker (default: the selector { type: ssd, size: ">= 400GB" })')
  .option('--storage-replicas <n>', 'Mayastor replicas (1-3)')
  .option('--talos-version <v>', 'Talos version', { default: 'v1.13.9' })
  .option('--sync-timeout <minutes>', 'GitOps sync timeout in minutes')
  .option('--profile <profile>', 'standard | minimal | production', { default: 'standard' })
  .option('--gitops-repo <url>', 'Git repository of the GitOps tree (spec.gitops.repoURL)')
  .option('--private-subnet <cidr>', 'Private network between the nodes (a Latitude VLAN), e.g. 10.8.0.0/24')
  .option('--admin-cidr <cidr>', 'A network allowed to reach the Talos and Kubernetes APIs (repeat, or comma-separate); needs --private-subnet')
  .option('--gitops <dir>', 'Also write a GitOps starter tree into DIR')
  .action(run(async (o) => (await import('./commands/init.js')).initCommand(o)));

/** Where the team keeps state and how long to wait for its lock: the same flags on every command that takes the lock. */
const stateOptions = (c: ReturnType<typeof cli.command>) =>
  c
    .option('--state-backend <backend>', 'local | kubernetes: where the team keeps state (env CTO_STATE_BACKEND)')
    .option('--state-kubeconfig <path>', 'Kubeconfig of the management cluster holding team state (env CTO_STATE_KUBECONFIG)')
    .option('--state-namespace <ns>', 'Namespace there (env CTO_STATE_NAMESPACE, default cto-state)')
    .option('--lock-wait <seconds>', 'Wait this long for the state lock', { default: 0 });

const planOptions = (c: ReturnType<typeof cli.command>) =>
  stateOptions(
    c
    .option('-f, --file <file>', 'Spec file (- for stdin)')
    .option('--state-dir <dir>', 'State folder (default .cto/<cluster> beside the spec)')
    .option('--target <step>', 'Only this step and what it depends on (repeatable)')
    .option('--exclude <step>', 'Leave this step and its dependents out (repeatable)')
    .option('--parallelism <n>', 'Steps run at once', { default: 10 })
    .option('--allow-destroy', 'Allow replacing or deleting servers and wiping disks')
    .option('--refresh [bool]', 'With --refresh=false, plan from what the last apply recorded instead of reading the world', { default: true })
    .option('--json', 'Machine-readable output'),
  );

planOptions(cli.command('plan', 'Show what apply would change, and why'))
  .option('--out <file>', 'Save the plan for `cto apply <file>`')
  .option('--format <format>', 'human | markdown | json', { default: 'human' })
  .option('--detailed-exitcode', 'Exit 2 when there are changes')
  .action(run(async (o) => (await import('./commands/plan.js')).planCommand(o)));

planOptions(cli.command('apply [planfile]', 'Make the cluster match the spec (or apply a saved plan)'))
  .option('--auto-approve', 'Do not ask for confirmation')
  .action(run(async (planfile, o) => (await import('./commands/apply.js')).applyCommand({ ...o, planFile: planfile })));

cli
  .command('render', 'Print what apply would send: each node\'s machine config (keys redacted) and the platform manifests, offline')
  .option('-f, --file <file>', 'Spec file (- for stdin)')
  .option('--state-dir <dir>', 'State folder with the secrets and recorded addresses (default .cto/<cluster> beside the spec)')
  .option('--node <name>', 'Only this node\'s machine config (repeatable)')
  .option('--component <name>', 'Only this component\'s manifests: cilium, bootstrap, local-path, argocd, app-of-apps, storage (repeatable)')
  .option('--out <dir>', 'Write one file per node and component into DIR instead of printing')
  .option('--refresh', 'Read the servers\' addresses from Latitude (default: as the last apply recorded them)')
  .example('cto render -f cluster.yaml --node cp-0')
  .action(run(async (o) => (await import('./commands/render.js')).renderCommand(o)));

stateOptions(cli.command('destroy', 'Tear the whole cluster down: drain, reset and delete every server (asks first)'))
  .option('-f, --file <file>', 'Spec file (- for stdin)')
  .option('--state-dir <dir>', 'State folder (default .cto/<cluster> beside the spec)')
  .option('--parallelism <n>', 'Steps run at once', { default: 10 })
  .option('--allow-destroy', 'Required (or spec.destroy.allow: true): destroy deletes every server')
  .option('--auto-approve', 'Do not ask for confirmation')
  .option('--json', 'Machine-readable output')
  .action(run(async (o) => (await import('./commands/destroy.js')).destroyCommand(o)));

cli
  .command('unlock', 'Break a stale state lock')
  .option('-f, --file <file>', 'Spec file')
  .option('--state-dir <dir>', 'State folder')
  .action(run(async (o) => (await import('./commands/unlock.js')).unlockCommand(o)));

stateOptions(cli.command('state <action>', 'Copy the state folder to or from the team backend (action: push | pull)'))
  .option('-f, --file <file>', 'Spec file')
  .option('--state-dir <dir>', 'State folder (default .cto/<cluster> beside the spec)')
  .option('--force', 'Push even if someone else pushed since this folder last synced')
  .example('cto state push -f cluster.yaml --state-backend kubernetes --state-kubeconfig mgmt.kubeconfig')
  .action(run(async (action, o) => (await import('./commands/state.js')).stateCommand(action, o)));

cli
  .command('sim <action>', 'Run the Latitude API simulator (action: serve)')
  .option('--port <port>', 'Port on 127.0.0.1', { default: 8080 })
  .option('--time-scale <x>', 'Simulated time per real time (0.01 = 100× faster)', { default: 1 })
  .option('--seed <n>', 'Seed for stock, IPs and fault injection', { default: 1 })
  .option('--api-key <key>', 'The key the simulator accepts', { default: 'sim-api-key' })
  .action(run(async (action, o) => (await import('./commands/sim.js')).simCommand(action, o)));

cli.help();
cli.version(version);

/** Wraps a command: CtoError → rendered diagnostics and exit 1; anything else → one line, never a stack. */
function run<A extends unknown[]>(fn: (...args: A) => Promise<number>) {
  return async (...args: A) => {
    try {
      process.exitCode = await fn(...args);
    } catch (e) {
      if (e instanceof CtoError) process.stderr.write(`${renderDiagnostics(e.diagnostics)}\n`);
      else process.stderr.write(`cto: internal error: ${(e as Error)?.message ?? String(e)}${envConfig(process.env).debug ? `\n${(e as Error)?.stack}` : ''}\n`);
      process.exitCode = 1;
    }
  };
}

// cac reads a lone `-` as a missing value; `-f -` means standard input, as in kubectl.
const argv = process.argv.map((a, i) => (a === '-' && ['-f', '--file'].includes(process.argv[i - 1] ?? '') ? STDIN : a));

try {
  cli.parse(argv, { run: false });
  if (!cli.matchedCommand && cli.args.length) {
    process.stderr.write(`cto: unknown command "${cli.args[0]}"; see cto --help\n`);
    process.exitCode = 1;
  } else if (!cli.matchedCommand && !cli.options.help && !cli.options.version) {
    cli.outputHelp();
  } else {
    await cli.runMatchedCommand();
  }
} catch (e) {
  process.stderr.write(`cto: ${(e as Error).message}\n`);
  process.exitCode = 1;
}

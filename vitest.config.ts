import { defineConfig } from 'vitest/config';
import LongestFirst from './test/support/longest-first.js';

/**
 * Test tiers (README "Tests"). `unit`: pure tests, no control plane, no binary of the Go build. A folder
 * named whole here holds only such tests, so a new file there is unit; in the other folders the pure files
 * are named one by one and a new file lands in `integration`, which has everything. A unit test that
 * reaches for the test environment fails at once: the tier points its cache at nothing and provides no
 * kubeconfig.
 */
const unit = [
  'test/{architecture,contract,demo,executors,planner,render,state}/**/*.test.ts',
  'test/cli/{graph,init,schema,validate-env}.test.ts',
  'test/latitude/{backoff,client,converge,cost,network-steps,networks,pipeline,region,server,server-decision,simulator}.test.ts',
  'test/spec/{bad-specs,examples,formats,generated-drift,hostname,loader-fuzz,private-network}.test.ts',
  'test/gitops-tree/{check,example,render}.test.ts',
  'test/kubeconfig/{diff,merge,target,unmerge,unmerge-diff}.test.ts',
  'test/platform/{objects-pure,platform-pure}.test.ts',
  'test/state-kubernetes/{encryption,lease-holder,local-backend,pack}.test.ts',
  'test/talos/{client-output,config-diff,errors,kubeconfig-server,patches,vlan-parent}.test.ts',
  'test/teardown/{destroy-compile,diff}.test.ts',
];
/** Whole worlds (simulator, Talos nodes, a control plane of their own) driven through the built CLI. */
const e2e = ['test/e2e/**/*.test.ts'];
/** Crash-resume, faults, hostile input: a sample in `npm test`, the full campaigns in `npm run test:slow`. */
const reliability = ['test/reliability/**/*.test.ts'];

/**
 * Integration, e2e and reliability files share one pool of workers, the longest file first whatever its tier
 * (test/support/longest-first.ts): no worker idles at the end of a tier while the other finishes its last
 * file. `maxWorkers` counts files at once across the three: three on two cores, because a world file waits
 * for much of its time (simulated installs, Argo CD's resync), which two files at once left a third of the
 * CPU idle; six at once (tiers side by side with workers of their own, worlds with a real Argo CD
 * controller among them) overloaded the cores (health flapping, rollouts past their timeouts).
 */
const worldTiers = { maxWorkers: 3, sequence: { groupOrder: 1 } };

export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirst },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: unit,
          // Both cores: vitest's default (cores − 1) leaves one idle on the project's two-core machine.
          maxWorkers: 2,
          env: { CTO_TESTENV_CACHE: '/nonexistent/the-unit-tier-has-no-test-environment' },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...unit, ...e2e, ...reliability],
          // One control plane for all of them: files use unique names and labels in it.
          globalSetup: ['test/support/global-setup.ts'],
          ...worldTiers,
        },
      },
      { extends: true, test: { name: 'e2e', include: e2e, ...worldTiers } },
      { extends: true, test: { name: 'reliability', include: reliability, ...worldTiers } },
    ],
  },
});

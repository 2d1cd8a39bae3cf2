import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { testenvBin } from '../../testenv/paths.js';
import { repoRoot } from '../support/cli.js';

const file = join(repoRoot, 'examples/ci/cto-plan.yml');
const text = readFileSync(file, 'utf8');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; env: Record<string, string>; jobs: Record<string, Job> };
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : [])).join('\n');

/** actionlint as built by testenv/build.sh; shellcheck and pyflakes off, so every machine checks the same. */
function actionlint(path: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(testenvBin('actionlint'), ['-no-color', '-shellcheck=', '-pyflakes=', path], (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('the GitHub Actions example (examples/ci/cto-plan.yml)', () => {
  it('passes actionlint', async () => {
    expect(await actionlint(file)).toEqual({ code: 0, out: '' });
  });

  it('actionlint does check it: a misspelt input and an unknown step output are found', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'cto-actionlint-')), 'cto-plan.yml');
    writeFileSync(broken, text.replace('node-version: 24', 'node-versio: 24').replace('steps.plan.outputs.code', 'steps.plann.outputs.code'));
    const r = await actionlint(broken);
    expect(r.code).toBe(1);
    expect(r.out).toContain('input "node-versio" is not defined in action "actions/setup-node@v4"');
    expect(r.out).toContain('property "plann" is not defined');
  });

  it('installs cto as the README says: npm pack in the cto repository, then npm install -g of the tarball', () => {
    expect(runs(workflow.jobs.package!)).toBe('npm ci\nnpm pack');
    expect(workflow.env.CTO_VERSION).toBe(pkg.version);
    for (const name of ['validate', 'plan', 'apply']) {
      expect(workflow.jobs[name]!.needs, name).toEqual(name === 'validate' ? 'package' : 'validate');
      expect(runs(workflow.jobs[name]!), name).toContain('npm install -g "./cto-${CTO_VERSION}.tgz"');
    }
    expect(text).not.toMatch(/npm install -g cto\b/);
  });

  it('validates every spec in a job that is given no secret', () => {
    const validate = workflow.jobs.validate!;
    expect(JSON.stringify(validate)).not.toMatch(/secrets\.|environment/);
    expect(validate.if).toBeUndefined();
    expect(runs(validate)).toContain('cto validate -f "$spec"');
  });

  it('plans pull requests from this repository with the Kubernetes state backend and a read-only role, posting the markdown plan as a sticky comment', () => {
    const plan = workflow.jobs.plan!;
    expect(plan.if).toBe("github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository");
    expect(plan.environment).toBe('cto-plan');
    expect(plan.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(runs(plan)).toMatch(/cto plan -f "clusters\/\$\{CLUSTER\}\.yaml" --state-backend kubernetes --format markdown --detailed-exitcode > plan\.md/);
    expect(JSON.stringify(plan)).toContain('secrets.CTO_STATE_KUBECONFIG_PLAN');
    expect(JSON.stringify(plan)).not.toContain('CTO_STATE_KUBECONFIG_APPLY');
    const comment = plan.steps.find((s) => s.uses?.startsWith('marocchino/sticky-pull-request-comment@'));
    expect(comment?.with).toEqual({ header: 'cto-plan-${{ matrix.cluster }}', path: 'plan.md' });
  });

  it('applies on the merge to main, one run per cluster at a time, with the write role', () => {
    expect(workflow.on.push).toEqual({ branches: ['main'], paths: ['clusters/**'] });
    const apply = workflow.jobs.apply!;
    expect(apply.if).toBe("github.event_name == 'push'");
    expect(apply.environment).toBe('cto-apply');
    expect(runs(apply)).toContain('cto apply -f "clusters/${CLUSTER}.yaml" --state-backend kubernetes --auto-approve');
    expect(JSON.stringify(apply)).toContain('secrets.CTO_STATE_KUBECONFIG_APPLY');
  });
});

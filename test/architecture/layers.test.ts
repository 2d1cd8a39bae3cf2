import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, violation } from './layers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('layering of src/ (imports only downward)', () => {
  it('holds for every import in src/', () => {
    const imports = importsOf(root);
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.map(violation).filter(Boolean)).toEqual([]);
  });

  // The imports issue #17 found against the order, each as it would be written in today's layout.
  it.each([
    ['the generic walker depends on the step contract', 'src/executors/walk/retry.ts', 'src/executors/step-kind.ts'],
    ['the planner runs the walker', 'src/planner/observe.ts', 'src/executors/walk/walker.ts'],
    ['the planner reads the kind registry', 'src/planner/observe.ts', 'src/executors/registry.ts'],
    ['plan data from an engine operation', 'src/planner/build-plan.ts', 'src/engine/observe.ts'],
    ['a client takes a step context', 'src/clients/latitude/index.ts', 'src/executors/step-kind.ts'],
    ['a client reads the walker clock', 'src/clients/latitude/http.ts', 'src/executors/walk/walker.ts'],
    ['a client reads plan data', 'src/clients/kube/diff.ts', 'src/planner/change.ts'],
    ['engine decisions in the CLI', 'src/engine/session.ts', 'src/cli/read-spec.ts'],
    ['the walker reads the CLI', 'src/executors/walk/walker.ts', 'src/cli/progress/view.ts'],
    ['state reads plan data', 'src/state/observations.ts', 'src/planner/change.ts'],
    ['state reads the Kubernetes client', 'src/state/kubernetes/object-names.ts', 'src/clients/kube/object.ts'],
    ['the spec reads state', 'src/spec/load.ts', 'src/state/folder.ts'],
    ['diagnostics read the spec', 'src/diagnostics/error.ts', 'src/spec/source.ts'],
    ['the engine runs the simulator', 'src/engine/apply.ts', 'src/sim/index.ts'],
    ['src/ imports a test helper', 'src/clients/helm/source.ts', 'test/support/fake-clock.ts'],
    ['src/ imports the test environment', 'src/executors/talos/config.ts', 'testenv/paths.ts'],
    ['a folder in no layer', 'src/misc/util.ts', 'src/spec/load.ts'],
  ])('catches: %s', (_what, from, to) => {
    expect(violation({ from, to })).toBeDefined();
  });

  it.each([
    ['cli → engine', 'src/cli/commands/apply.ts', 'src/engine/apply.ts'],
    ['engine → executors', 'src/engine/execute.ts', 'src/executors/registry.ts'],
    ['step kinds → walker', 'src/executors/talos/config.ts', 'src/executors/walk/walker.ts'],
    ['step kinds → planner data', 'src/executors/talos/config.ts', 'src/planner/change.ts'],
    ['clients → clock', 'src/clients/latitude/http.ts', 'src/time/clock.ts'],
    ['within a folder', 'src/clients/kube/objects.ts', 'src/clients/kube/object.ts'],
    ['the spec schema', 'src/spec/schema.ts', 'schema/cluster.schema.json'],
  ])('allows: %s', (_what, from, to) => {
    expect(violation({ from, to })).toBeUndefined();
  });
});

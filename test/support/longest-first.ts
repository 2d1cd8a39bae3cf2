import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Tiers whose files each start a whole world: minutes per file, against seconds for most integration files. */
const WORLD_TIERS = new Set(['e2e', 'reliability']);

/**
 * The order in which the workers of one group take files: the longest first, whatever its tier. The
 * integration, e2e and reliability tiers share one group (vitest.config.ts), and vitest's own order runs a
 * group's projects one after another, so a 4-minute world file could start last and run alone at the end
 * while the other worker idles. Durations are vitest's results cache (node_modules/.vite, the last run
 * here); files without one (a fresh clone, a new file) go first, the world tiers' before the others, larger
 * files before smaller ones.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const weight = (f: TestSpecification) => {
      const known = this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`);
      return known
        ? { unknown: 0, world: 0, size: known.duration }
        : { unknown: 1, world: WORLD_TIERS.has(f.project.name) ? 1 : 0, size: statSync(f.moduleId).size };
    };
    const weights = new Map(files.map((f) => [f, weight(f)]));
    return [...files].sort((a, b) => {
      const [x, y] = [weights.get(a)!, weights.get(b)!];
      return (
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        y.unknown - x.unknown ||
        y.world - x.world ||
        y.size - x.size
      );
    });
  }
}

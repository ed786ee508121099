import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { proposeTargets } from '../../server/src/domain/extract/index.js';
import { scanQuantities } from '../../server/src/domain/extract/numbers.js';
import { seedCatalogue, seedRegions } from '../helpers/extractCatalogue.js';

// Text built to make a backtracking pattern or a rescanning loop take quadratic time, through the
// extractor's scanners and patterns (as test/domain/import-redos.test.ts does for uploads): each
// input made 8× longer may take less than 20× the time (a quadratic one grows 64×). The patterns
// themselves are also linted (eslint-plugin-regexp, `npm run lint`).

const catalogue = seedCatalogue();
const regions = seedRegions();

function time(f: () => void): number {
  f(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    f();
    runs.push(performance.now() - t);
  }
  return Math.min(...runs);
}

const HOSTILE: [string, (n: number) => string][] = [
  ['a run of digits', (n) => '1'.repeat(n)],
  ['digits and damaged decimals', (n) => '1\uE010'.repeat(n / 2)],
  ['ranges without end', (n) => '1-'.repeat(n / 2)],
  ['Chinese numerals without a counter', (n) => '三十'.repeat(n / 2)],
  ['years without a target', (n) => '到2020年'.repeat(n / 6)],
  ['one clause of many counters', (n) => '达到1家'.repeat(n / 4)],
  ['commas', (n) => ','.repeat(n)],
  ['a benchmark word over and over', (n) => '全省平均水平'.repeat(n / 6)],
  ['table cells', (n) => '指标\t1'.repeat(n / 4)],
  ['unit lines', (n) => `(牵头单位:${'、'.repeat(n)}`],
];

describe('the extractor takes linear time on hostile text', () => {
  for (const [name, make] of HOSTILE) {
    it(name, () => {
      const small = make(4_000);
      const large = make(32_000);
      const a = time(() => proposeTargets(small, catalogue, { regions }));
      const b = time(() => proposeTargets(large, catalogue, { regions }));
      expect(b / Math.max(a, 1)).toBeLessThan(20);
    });
  }

  it('the quantity scanner reads each character a bounded number of times', () => {
    const text = '12345678'.repeat(20_000);
    const a = time(() => scanQuantities(text.slice(0, 20_000)));
    const b = time(() => scanQuantities(text));
    expect(b / Math.max(a, 0.5)).toBeLessThan(20);
  });
});

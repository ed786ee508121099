import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { catalogueOf, matchView, normaliseDocument, proposeTargets } from '../domain/extract/index.js';
import { scanQuantities } from '../domain/extract/numbers.js';
import { seedDir } from '../paths.js';
import { readSeed } from '../seed/load.js';

// `npm run bench:extract`: the time to propose the targets of the longest seed document (median of
// RUNS after WARMUP), against a baseline measured in the same run: normalising the text, making its
// matching view and scanning it once for quantities, which every proposal needs and nothing can
// avoid. Goal: under a second.

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const WARMUP = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function measure(f: () => void): number {
  for (let i = 0; i < WARMUP; i++) f();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    f();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

function main() {
  const seed = readSeed(seedDir);
  const catalogue = catalogueOf(seed.indicators, seed.indicatorAliases);
  const regions = seed.regions;
  const sources = path.join(seedDir, 'sources');
  const longest = fs
    .readdirSync(sources)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ f, text: fs.readFileSync(path.join(sources, f), 'utf8') }))
    .sort((a, b) => b.text.length - a.text.length)[0];
  if (!longest) throw new Error('no seed source documents');

  const baseline = measure(() => {
    const text = normaliseDocument(longest.text);
    scanQuantities(matchView(text));
  });
  let proposals = 0;
  const propose = measure(() => {
    proposals = proposeTargets(longest.text, catalogue, { regions }).proposals.length;
  });
  console.log(`document: ${longest.f} (${longest.text.length} characters), catalogue: ${catalogue.length} indicators`);
  console.log(`median of ${RUNS} runs after ${WARMUP} warm-up runs`);
  console.log(`  baseline (normalise, matching view, one quantity scan): ${baseline.toFixed(1)} ms`);
  console.log(
    `  proposeTargets (${proposals} proposals):                 ${propose.toFixed(1)} ms (${(propose / baseline).toFixed(1)}× the baseline)`,
  );
  console.log(`  goal: under 1000 ms — ${propose < 1000 ? 'met' : 'NOT met'}`);
}

main();

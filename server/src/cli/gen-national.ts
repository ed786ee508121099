import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { contentHash, generateNational } from '../bench/national/generate.js';
import { openDatabase } from '../db/connection.js';
import { repoRoot } from '../paths.js';

// `npm run gen:national -- --regions 3000 --years 15 --seed 1 [--out FILE]`: a national database for
// measurements (see bench/national/generate.ts). Written beside FILE and renamed into place when
// whole, so a file at FILE is always complete; the same options give the same content hash.

const USAGE = 'usage: npm run gen:national -- --regions N --years N --seed N [--out FILE]';

function whole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be a whole number, got "${text}"\n${USAGE}`);
  return n;
}

function main() {
  const { values } = parseArgs({
    options: {
      regions: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const regions = whole('regions', values.regions, 3000);
  const years = whole('years', values.years, 15);
  const seed = whole('seed', values.seed, 1);
  const out = path.resolve(values.out ?? path.join(repoRoot, 'data', `national-r${regions}-y${years}-s${seed}.db`));
  if (fs.existsSync(out)) throw new Error(`${out} exists; remove it or choose another --out`);
  const partial = `${out}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });

  const started = performance.now();
  let lastPrint = 0;
  const counts = generateNational(partial, { regions, years, seed }, (done, total) => {
    if (done === total || performance.now() - lastPrint > 2000) {
      lastPrint = performance.now();
      process.stdout.write(`  ${done} / ${total} regions (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  });
  const db = openDatabase(partial);
  const hash = contentHash(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  fs.renameSync(partial, out);
  for (const f of [`${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  console.log(
    `${out}\n  ${counts.regions} regions, ${counts.plans} plans, ${counts.targets} targets, ${counts.milestones} milestones` +
      `\n  ${counts.figures} figures in ${counts.revisions} revisions (${counts.unpublished} not published, ${counts.gaps} years missing, ${counts.sampleSeries} sample series)` +
      `\n  ${(fs.statSync(out).size / 1024 / 1024).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s; content sha256 ${hash}`,
  );
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashPassword } from '../auth/password.js';
import { prepareDatabase } from '../db/setup.js';
import { createRepositories } from '../repositories/index.js';
import { createImportRevertService } from '../services/importRevert.js';
import { createImportService } from '../services/imports.js';
import { createImportWorker } from '../services/importWorker.js';

// `npm run bench:import`: a 100,000-row CSV through preview (parse, check, compare, store) and commit
// (revisions and audit entries in one transaction), against a bare better-sqlite3 insert of the same
// rows in one transaction, measured in the same run; then the upload's revert (its dry run, and every
// figure withdrawn as a new revision with its audit entry, in one transaction).

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const INDICATORS = [
  'high_tech_firms',
  'tech_sme_count',
  'valid_invention_patents',
  'rd_expenditure',
  'rd_intensity',
  'tech_contract_turnover',
  'new_high_tech_firms',
  'gdp',
  'patent_applications',
  'patent_grants',
];
const YEARS = 15;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jindu-bench-import-'));
  try {
    const regionsNeeded = Math.ceil(ROWS / (INDICATORS.length * YEARS));
    const regionCodes = Array.from({ length: regionsNeeded }, (_, i) => String(600000 + i * 3));

    function freshDb(name: string) {
      const { db } = prepareDatabase(path.join(dir, name));
      const insertRegion = db.prepare("INSERT INTO regions VALUES (?, ?, ?, 'prefecture', '100000')");
      db.transaction(() => {
        for (const code of regionCodes) insertRegion.run(code, `合成${code}`, `Synthetic ${code}`);
      })();
      return db;
    }

    // The file: long layout, Chinese headers, numbers with thousands separators now and then.
    const lines = ['地区代码,指标代码,年份,数值,口径,来源'];
    const rows: { region: string; indicator: string; year: number; value: number }[] = [];
    outer: for (const region of regionCodes) {
      for (const indicator of INDICATORS) {
        for (let y = 0; y < YEARS; y++) {
          if (rows.length >= ROWS) break outer;
          const value = indicator === 'rd_intensity' ? 0.5 + ((y * 7) % 20) / 10 : 1000 + y * 37 + (Number(region) % 97);
          rows.push({ region, indicator, year: 2008 + y, value });
          const text = value >= 1000 ? `"${value.toLocaleString('en-US')}"` : String(value);
          lines.push(`${region},${indicator},${2008 + y},${text},初步核算,2023年统计公报`);
        }
      }
    }
    const bytes = new TextEncoder().encode(lines.join('\n'));
    console.log(
      `file: ${rows.length} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${regionCodes.length} regions × ${INDICATORS.length} indicators × ${YEARS} years`,
    );

    // Baseline: a bare insert of the same rows in one transaction.
    const bareDb = freshDb('bare.db');
    const insert = bareDb.prepare(
      `INSERT INTO observation_revisions (region_code, indicator_code, year, value, published, vintage, is_sample, source_title,
         entered_by, entered_at, origin) VALUES (?, ?, ?, ?, 1, 'preliminary', 0, '2023年统计公报', 'bench', ?, 'upload')`,
    );
    let t0 = performance.now();
    const now = new Date().toISOString();
    bareDb.transaction(() => {
      for (const r of rows) insert.run(r.region, r.indicator, r.year, r.value, now);
    })();
    const bareSeconds = (performance.now() - t0) / 1000;
    bareDb.close();

    // The real path: preview, then commit.
    const db = freshDb('import.db');
    const repos = createRepositories(db);
    const userId = repos.users.create(
      { name: 'bench', displayName: 'bench', role: 'admin', regions: [], passwordHash: await hashPassword('bench password') },
      now,
    );
    const user = { id: userId, name: 'bench', role: 'admin' as const, regions: [], unitId: null };
    // The import worker thread, as the server runs it (the bench runs compiled, so it is built).
    const worker = createImportWorker({ dbPath: db.name });
    const service = createImportService(repos, {}, worker);
    t0 = performance.now();
    const importId = await service.preview({
      bytes,
      fileName: 'bench.csv',
      user,
      defaultVintage: 'final',
      defaultSource: null,
      defaultRegionCode: null,
    });
    const previewSeconds = (performance.now() - t0) / 1000;
    const summary = repos.imports.find(importId)?.summary;
    if (!summary || summary.errors > 0 || summary.new !== rows.length)
      throw new Error(`unexpected preview: ${JSON.stringify(summary)}`);
    // The synthetic R&D intensities fall by more than two thirds now and then (1.9 → 0.6): warnings
    // of the figure checks, which a commit must acknowledge, as the page does with every warned row.
    const warned = service.warnedRows(importId, user);
    console.log(`  rows with a warning to acknowledge: ${warned.length}`);
    t0 = performance.now();
    const { written } = await service.commit(importId, user, null, warned);
    const commitSeconds = (performance.now() - t0) / 1000;
    if (written !== rows.length) throw new Error(`committed ${written} of ${rows.length}`);
    const reverts = createImportRevertService(repos);
    t0 = performance.now();
    const plan = reverts.preview(importId, user, false);
    const dryRunSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const reverted = reverts.revert(importId, user, { includeRevisedSince: false, fingerprint: plan.fingerprint });
    const revertSeconds = (performance.now() - t0) / 1000;
    if (reverted.written !== rows.length) throw new Error(`reverted ${reverted.written} of ${rows.length}`);
    db.close();
    await worker.close();

    const rate = (s: number) => `${Math.round(rows.length / s).toLocaleString('en-US')} rows/s`;
    console.log(`\n  bare insert, one transaction:        ${bareSeconds.toFixed(2)} s (${rate(bareSeconds)})`);
    console.log(`  preview (parse, check, compare, store): ${previewSeconds.toFixed(2)} s (${rate(previewSeconds)})`);
    console.log(`  commit (revisions + audit, one tx):   ${commitSeconds.toFixed(2)} s (${rate(commitSeconds)})`);
    console.log(
      `  preview + commit:                     ${(previewSeconds + commitSeconds).toFixed(2)} s (${rate(previewSeconds + commitSeconds)})`,
    );
    console.log(`  ratio (preview + commit) / bare:      ${((previewSeconds + commitSeconds) / bareSeconds).toFixed(1)}×`);
    console.log(`  revert dry run:                       ${dryRunSeconds.toFixed(2)} s (${rate(dryRunSeconds)})`);
    console.log(`  revert (withdrawals + audit, one tx): ${revertSeconds.toFixed(2)} s (${rate(revertSeconds)})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

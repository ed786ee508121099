import { readConfig } from '../config.js';
import { BackupError, backupDatabase } from '../db/backup.js';

// `npm run db:backup -- FILE`: an online copy of the database (JINDU_DB) while the server runs and
// writes. The copy is checked (integrity_check) before it takes FILE's name.
const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run db:backup -- FILE');
  process.exit(2);
}
const { dbPath } = readConfig();
try {
  const report = await backupDatabase(dbPath, file);
  console.log(`Backed up ${dbPath} to ${report.file} (${(report.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok)`);
  console.log(`  last migration: ${report.migration}`);
  console.log(
    `  ${Object.entries(report.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
} catch (error) {
  console.error(`Backup failed, nothing written to ${file}: ${(error as Error).message}`);
  process.exit(error instanceof BackupError ? 1 : 3);
}

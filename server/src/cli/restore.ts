import { readConfig } from '../config.js';
import { BackupError, checkBackup, restoreDatabase } from '../db/backup.js';
import { migrationsDir } from '../paths.js';

// `npm run db:restore -- FILE`: the database (JINDU_DB) becomes the backup FILE. The current database is
// copied aside first; a backup from another version of Jindu, or a damaged file, is refused before
// anything is touched. Safe with the server running: it sees the restored data at its next request.
const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run db:restore -- FILE');
  process.exit(2);
}
const { dbPath } = readConfig();
try {
  checkBackup(file, migrationsDir);
} catch (error) {
  console.error(`Restore refused, ${dbPath} unchanged: ${(error as Error).message}`);
  process.exit(error instanceof BackupError ? 1 : 3);
}
try {
  const report = await restoreDatabase(file, dbPath, migrationsDir);
  console.log(`Restored ${dbPath} from ${file} (integrity ok)`);
  if (report.keptAs) console.log(`  the database as it was is kept as ${report.keptAs}`);
  if (report.migrationsApplied.length > 0) console.log(`  migrations applied: ${report.migrationsApplied.join(', ')}`);
  console.log(
    `  ${Object.entries(report.counts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
} catch (error) {
  console.error(
    `Restore failed: ${(error as Error).message}\n  The database as it was is kept beside it as ${dbPath}.before-restore-*.bak`,
  );
  process.exit(3);
}

import fs from 'node:fs';
import { readConfig } from '../config.js';
import { prepareDatabase } from '../db/setup.js';

// `npm run db:seed`: reseed on purpose. The observation and audit tables are append-only, so a
// reseed starts a new database file rather than deleting rows; the old file is kept beside it.
const { dbPath } = readConfig();
if (fs.existsSync(dbPath)) {
  const backup = `${dbPath}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
  fs.renameSync(dbPath, backup);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(dbPath + suffix)) fs.renameSync(dbPath + suffix, backup + suffix);
  console.log(`Moved the existing database to ${backup}`);
}
const { db, seeded } = prepareDatabase(dbPath);
db.close();
console.log(`Seeded ${dbPath}:`, seeded);

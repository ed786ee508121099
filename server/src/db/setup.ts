import { migrationsDir, seedDir } from '../paths.js';
import { loadSeed, readSeed, type SeedCounts } from '../seed/load.js';
import { type Db, openDatabase } from './connection.js';
import { migrate } from './migrate.js';

export interface PreparedDatabase {
  db: Db;
  migrationsApplied: string[];
  seeded: SeedCounts | null;
}

/** Opens the database, applies pending migrations, and seeds it when it holds no plans yet. */
export function prepareDatabase(dbPath: string, options: { seed?: boolean; migrationsDir?: string } = {}): PreparedDatabase {
  const db = openDatabase(dbPath);
  try {
    const { applied } = migrate(db, options.migrationsDir ?? migrationsDir);
    const empty = (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n === 0;
    const seeded = options.seed !== false && empty ? loadSeed(db, readSeed(seedDir)) : null;
    return { db, migrationsApplied: applied, seeded };
  } catch (error) {
    db.close();
    throw error;
  }
}

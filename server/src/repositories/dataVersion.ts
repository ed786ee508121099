import type { Db } from '../db/connection.js';

export interface DataVersion {
  /** Bumped by migration 0009's triggers on every write to what a report shows. */
  version: number;
  /** Tells two databases apart: a re-seeded file counts again from the seed. */
  epoch: string;
}

export function createDataVersionRepository(db: Db) {
  const read = db.prepare('SELECT version, epoch FROM data_version WHERE id = 1');
  return {
    current: () => read.get() as DataVersion,
  };
}

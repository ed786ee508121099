import type { Db } from '../db/connection.js';

export interface DataVersion {
  /** Changes on every write to what a report shows: a new figure, or a write the triggers of 0009 count. */
  version: number;
  /** Tells two databases apart: a re-seeded file counts again from the seed. */
  epoch: string;
}

export function createDataVersionRepository(db: Db) {
  // Two counters that only grow: the triggers' (migration 0009) and the largest observation id
  // (append-only, never reused). Their sum changes on every write of either.
  const read = db.prepare(
    'SELECT version + (SELECT coalesce(max(id), 0) FROM observation_revisions) AS version, epoch FROM data_version WHERE id = 1',
  );
  return {
    current: () => read.get() as DataVersion,
  };
}

import type { Db } from '../db/connection.js';

export interface DataVersion {
  /** Changes on every write to what a report shows: a new figure, or a write the triggers of 0009 count. */
  version: number;
  /** Tells two databases apart: a re-seeded file counts again from the seed. */
  epoch: string;
}

/**
 * The data version, kept in memory and read again from the file only when something may have written.
 *
 * Reading it from the file costs a read transaction (the WAL's shared-memory locks, a few system
 * calls: ~8 µs, the largest own cost of a memoised answer). What can change it, and how each is seen
 * without that:
 * - a write through this connection (any repository, a hand-written statement, a trigger): SQLite's
 *   `total_changes()` (rows this connection changed) moves. Asking for it touches no table, so it
 *   takes no lock (~0.2 µs). Rolled-back changes count too: a needless re-read, never a stale one.
 * - a commit through any other connection (another server process on the same file, a worker, the
 *   CLI, a test's own handle): `PRAGMA data_version` moves. That does take a read transaction.
 * `current()` asks both every time; `currentThisTurn()`, for a request read from a socket, once per
 * event-loop turn (see there).
 * Inside a transaction the value is read from the file and not kept: it may include writes that are
 * then rolled back, and a later commit could reach the same number with other data.
 */
export function createDataVersionRepository(db: Db) {
  // Two counters that only grow: the triggers' (migration 0009) and the largest observation id
  // (append-only, never reused). Their sum changes on every write of either.
  const read = db.prepare(
    'SELECT version + (SELECT coalesce(max(id), 0) FROM observation_revisions) AS version, epoch FROM data_version WHERE id = 1',
  );
  const ownChanges = db.prepare('SELECT total_changes()').pluck();
  const othersCommits = db.prepare('PRAGMA data_version').pluck();

  let known: DataVersion | null = null;
  let seenOwn = -1;
  let seenOthers = -1;
  let checkedThisTurn = false;
  const endTurn = () => {
    checkedThisTurn = false;
  };

  // The markers are taken before the version is read: a write between the two leaves a marker that
  // moves again, so it is read once more, never missed.
  function reread(others: number): DataVersion {
    seenOthers = others;
    seenOwn = ownChanges.get() as number;
    known = read.get() as DataVersion;
    return known;
  }

  /** The data version now: the file asked whether another connection committed, every time. */
  function current(): DataVersion {
    if (db.inTransaction) return read.get() as DataVersion;
    const others = othersCommits.get() as number;
    if (known === null || others !== seenOthers || ownChanges.get() !== seenOwn) return reread(others);
    return known;
  }

  /**
   * The data version for a request the server has just read from its socket: the file is asked
   * (as by `current()`) once per event-loop turn, and every request read in that turn shares the
   * answer.
   *
   * Why that is not stale: the requests of a turn were all ready in the poll that began it, so each
   * was sent before the check, which comes after that poll. A write (through this process or
   * another) that a client saw complete before it sent a request therefore precedes the check; a
   * write made later in the same turn was not seen by anyone who sent one of its requests, which
   * may be answered as of before it, as they would be had they come a moment earlier. The one gap:
   * a request pipelined behind another on one connection, sent after a commit that lands between
   * the turn's check and the read of that connection (microseconds within one turn). Only for
   * callers on that path (plugins/responseCache.ts's onRequest hook, reached from the socket's read
   * without waiting on anything else); `app.inject` does not go through a poll, so it is not one.
   */
  function currentThisTurn(): DataVersion {
    if (checkedThisTurn && known !== null && !db.inTransaction) return known;
    const value = current();
    if (!checkedThisTurn) {
      checkedThisTurn = true;
      // The check phase follows the poll phase of the same turn: the next turn asks again.
      setImmediate(endTurn);
    }
    return value;
  }

  const marks = db
    .prepare(
      "SELECT (SELECT coalesce(max(id), 0) FROM observation_revisions) || ':' || (SELECT coalesce(max(id), 0) FROM audit_log)",
    )
    .pluck();
  /**
   * The largest revision and audit entry ids, as one string: every write adds one or the other, so the
   * progress service keys its memo by it (read inside a transaction too, unlike `current()`'s cache).
   */
  const writeMarks = () => marks.get() as string;

  return { current, currentThisTurn, writeMarks };
}

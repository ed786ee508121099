import type { Db } from '../db/connection.js';

/**
 * How many failed sign-ins are checked before the server slows down, per scope, within a sliding
 * window. Past a scope's limit each further attempt must wait: the first delay, doubled for every
 * failure beyond the limit, never more than the window. Nothing locks an account for everyone:
 * - `perPair`: one account from one address. What a guesser at one address meets first; the owner
 *   signing in from another address is not touched by it. A success from the address clears it.
 * - `perAddress`: one address, whatever names it tries (guessing many accounts at once).
 * - `perAccount`: one account from every address (guessing from many addresses). It does not apply
 *   from an address the account has signed in from within `knownAddressDays`, so an attacker cannot
 *   shut the owner out of their usual place.
 * An administrator's unlock (users.sign_in_unlocked_at) clears the account's pair and account scopes.
 */
export interface SignInLimits {
  perPair: number;
  perAddress: number;
  perAccount: number;
  windowMinutes: number;
  firstDelaySeconds: number;
  knownAddressDays: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perPair: 5,
  perAddress: 20,
  perAccount: 30,
  windowMinutes: 15,
  firstDelaySeconds: 60,
  knownAddressDays: 90,
};

/** Which limit refused an attempt: the account's (from this address or from all) or the address's. */
export type ThrottleScope = 'pair' | 'account' | 'address';

export type Reservation =
  | { reserved: true; attemptId: number }
  | { reserved: false; scope: ThrottleScope; retryAfterSeconds: number };

// Each scope's count of failed and pending attempts in the window, and how long an attempt must still
// wait (0: it may go ahead). The rule lives in this one SQL text, used both by the reservation (so
// that checking and reserving are one statement, whatever the concurrency) and by the read that
// says how long a refused caller must wait.
const WAITS = `
WITH
  pair AS (
    SELECT 'pair' AS scope, @perPair AS lim, count(*) AS n, max(at) AS last FROM login_attempts
     WHERE name = @name AND address = @address AND outcome IN ('pending', 'failure')
       AND at > max(@since,
                    coalesce((SELECT sign_in_unlocked_at FROM users WHERE name = @name), ''),
                    coalesce((SELECT max(at) FROM login_attempts
                               WHERE name = @name AND address = @address AND outcome = 'success'), ''))
  ),
  account AS (
    SELECT 'account', CASE WHEN EXISTS (SELECT 1 FROM login_attempts
                                          WHERE name = @name AND address = @address AND outcome = 'success'
                                            AND at > @knownSince)
                           THEN NULL ELSE @perAccount END,
           count(*), max(at) FROM login_attempts
     WHERE name = @name AND outcome IN ('pending', 'failure')
       AND at > max(@since, coalesce((SELECT sign_in_unlocked_at FROM users WHERE name = @name), ''))
  ),
  address AS (
    SELECT 'address', @perAddress, count(*), max(at) FROM login_attempts
     WHERE address = @address AND outcome IN ('pending', 'failure') AND at > @since
  ),
  waits AS (
    SELECT scope,
           CASE WHEN lim IS NULL OR n < lim THEN 0
                ELSE max(0, min(@firstDelayMs << min(n - lim, 40), @windowMs)
                            - (@nowMs - unixepoch(last, 'subsec') * 1000))
           END AS wait_ms
      FROM (SELECT * FROM pair UNION ALL SELECT * FROM account UNION ALL SELECT * FROM address)
  )`;

export function createSignInAttemptsRepository(db: Db) {
  const reserve = db.prepare(
    `${WAITS}
     INSERT INTO login_attempts (name, address, at, outcome)
     SELECT @name, @address, @at, 'pending' WHERE NOT EXISTS (SELECT 1 FROM waits WHERE wait_ms > 0)
     RETURNING id`,
  );
  const longestWait = db.prepare(
    `${WAITS} SELECT scope, wait_ms AS waitMs FROM waits WHERE wait_ms > 0 ORDER BY wait_ms DESC, scope LIMIT 1`,
  );
  const resolve = db.prepare("UPDATE login_attempts SET outcome = ? WHERE id = ? AND outcome = 'pending'");
  const unlock = db.prepare('UPDATE users SET sign_in_unlocked_at = ? WHERE id = ?');
  // Failures (and attempts a crash left pending) count only within the window; a success only says an
  // address is known for knownAddressDays. Older rows are read by no rule (the audit log keeps the
  // sign-ins and failures themselves).
  const prune = db.prepare(
    `DELETE FROM login_attempts
      WHERE (outcome <> 'success' AND at < @since) OR (outcome = 'success' AND at < @knownSince)`,
  );

  return {
    /**
     * Reserves an attempt before its password is checked, when every scope allows one now; in one
     * statement, so that however many requests arrive at once, no more than the limits are checked.
     */
    reserve(name: string, address: string, now: Date, limits: SignInLimits): Reservation {
      const nowMs = now.getTime();
      const args = {
        name,
        address,
        at: now.toISOString(),
        nowMs,
        since: new Date(nowMs - limits.windowMinutes * 60_000).toISOString(),
        knownSince: new Date(nowMs - limits.knownAddressDays * 86_400_000).toISOString(),
        windowMs: limits.windowMinutes * 60_000,
        firstDelayMs: limits.firstDelaySeconds * 1000,
        perPair: limits.perPair,
        perAddress: limits.perAddress,
        perAccount: limits.perAccount,
      };
      const row = reserve.get(args) as { id: number } | undefined;
      if (row) return { reserved: true, attemptId: row.id };
      // Another process may have freed the way in between: then the caller may simply try again.
      const wait = longestWait.get(args) as { scope: ThrottleScope; waitMs: number } | undefined;
      return {
        reserved: false,
        scope: wait?.scope ?? 'pair',
        retryAfterSeconds: Math.max(1, Math.ceil((wait?.waitMs ?? 0) / 1000)),
      };
    },
    /** A reserved attempt's outcome, once the password has been checked. */
    resolve(attemptId: number, outcome: 'success' | 'failure'): void {
      resolve.run(outcome, attemptId);
    },
    /** Deletes the attempts no limit reads any more, so guessing cannot grow the table without end; how many. */
    prune(now: Date, limits: SignInLimits): number {
      const nowMs = now.getTime();
      return prune.run({
        since: new Date(nowMs - limits.windowMinutes * 60_000).toISOString(),
        knownSince: new Date(nowMs - limits.knownAddressDays * 86_400_000).toISOString(),
      }).changes;
    },
    /** An administrator lifts an account's limits: its failures so far no longer count. */
    unlock(userId: number, now: string): boolean {
      return unlock.run(now, userId).changes > 0;
    },
  };
}

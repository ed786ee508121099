import type { UserAccount } from '../api/types.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { Repositories } from '../repositories/index.js';
import type { SignInLimits, ThrottleScope } from '../repositories/signInAttempts.js';
import { withoutHash } from '../repositories/users.js';

export interface SignInOptions {
  /** Demo mode: demo accounts may sign in. Outside it they may not, even with the right password. */
  demo: boolean;
  limits: SignInLimits;
  sessionHours: number;
}

export type SignInResult =
  | { kind: 'signed_in'; user: UserAccount; token: string; csrfToken: string }
  | { kind: 'throttled'; scope: ThrottleScope; retryAfterSeconds: number }
  | { kind: 'wrong_credentials' }
  | { kind: 'demo_account_disabled' };

/** Why a sign-in failed, for the audit log only (the caller hears no more than wrong_credentials). */
type FailureReason = 'unknown_name' | 'wrong_password' | 'account_disabled' | 'demo_account_disabled';

// A valid scrypt hash of a random string, verified against when the name is unknown.
const DUMMY_HASH = await hashPassword(`unknown-${Math.random()}`);

/**
 * Signing in and out. An attempt is reserved before the password is hashed (and refused, without
 * hashing, past the limits), resolved after, and every sign-in, failed sign-in and sign-out is in the
 * audit log with the client address. Attempts refused by the limits are not logged one by one: a flood
 * of them would otherwise grow the log without bound; the checked attempts around them are.
 */
export function createSignInService(repos: Repositories, options: SignInOptions) {
  const failed = (name: string, accountId: number | null, reason: FailureReason, address: string, at: string) =>
    repos.audit.record(
      {
        actor: 'anonymous',
        userId: null,
        action: 'session.sign_in_failed',
        entity: 'user',
        entityId: accountId === null ? null : String(accountId),
        before: null,
        // The name tried, never the password.
        after: { name, reason },
        origin: 'form',
        address,
      },
      at,
    );

  // When the attempts no limit reads were last deleted: at most once an hour, a table scan.
  let prunedAt = Number.NEGATIVE_INFINITY;

  return {
    async signIn(name: string, password: string, address: string, now: Date): Promise<SignInResult> {
      if (now.getTime() - prunedAt >= 3_600_000) {
        repos.signInAttempts.prune(now, options.limits);
        prunedAt = now.getTime();
      }
      const reservation = repos.signInAttempts.reserve(name, address, now, options.limits);
      if (!reservation.reserved) {
        return { kind: 'throttled', scope: reservation.scope, retryAfterSeconds: reservation.retryAfterSeconds };
      }
      const at = now.toISOString();
      let resolved = false;
      const fail = (accountId: number | null, reason: FailureReason) => {
        repos.transaction(() => {
          repos.signInAttempts.resolve(reservation.attemptId, 'failure');
          failed(name, accountId, reason, address, at);
        });
        resolved = true;
      };
      try {
        const account = repos.users.byName(name);
        // Verify against a dummy hash for unknown names too, so timing does not reveal which names exist.
        const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
        if (!account || !ok || account.disabled) {
          fail(account?.id ?? null, !account ? 'unknown_name' : !ok ? 'wrong_password' : 'account_disabled');
          return { kind: 'wrong_credentials' };
        }
        if (account.isDemo && !options.demo) {
          // Said only to whoever knows the password, and demo passwords are published: it tells the
          // operator why the account is refused (this database was used in demo mode) and tells an
          // outsider nothing they could use.
          fail(account.id, 'demo_account_disabled');
          return { kind: 'demo_account_disabled' };
        }
        const token = newToken();
        const csrfToken = newToken();
        repos.transaction(() => {
          repos.signInAttempts.resolve(reservation.attemptId, 'success');
          repos.users.createSession(
            {
              tokenHash: hashToken(token),
              userId: account.id,
              csrfToken,
              expiresAt: new Date(now.getTime() + options.sessionHours * 3_600_000).toISOString(),
            },
            at,
          );
          repos.audit.record(
            {
              actor: account.name,
              userId: account.id,
              action: 'session.sign_in',
              entity: 'user',
              entityId: String(account.id),
              before: null,
              after: null,
              origin: 'form',
              address,
            },
            at,
          );
        });
        resolved = true;
        return { kind: 'signed_in', user: withoutHash(account), token, csrfToken };
      } finally {
        // A hash that threw still used up its attempt: it counts as a failure, never stays pending.
        if (!resolved) repos.signInAttempts.resolve(reservation.attemptId, 'failure');
      }
    },

    signOut(session: { tokenHash: string }, user: { id: number; name: string }, address: string, now: Date): void {
      repos.transaction(() => {
        repos.users.deleteSession(session.tokenHash);
        repos.audit.record(
          {
            actor: user.name,
            userId: user.id,
            action: 'session.sign_out',
            entity: 'user',
            entityId: String(user.id),
            before: null,
            after: null,
            origin: 'form',
            address,
          },
          now.toISOString(),
        );
      });
    },
  };
}

export type SignInService = ReturnType<typeof createSignInService>;

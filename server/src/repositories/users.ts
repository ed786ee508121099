import type { Role, UserAccount } from '../api/types.js';
import type { Db } from '../db/connection.js';
import type { Principal } from '../domain/permissions.js';

interface RawUser extends Omit<UserAccount, 'disabled' | 'isDemo' | 'regions'> {
  disabled: number;
  isDemo: number;
  passwordHash: string;
}

const USER_COLUMNS = `id, name, display_name AS displayName, role, unit_id AS unitId, disabled, is_demo AS isDemo, created_at AS createdAt,
  password_changed_at AS passwordChangedAt, password_hash AS passwordHash`;

export function createUsersRepository(db: Db) {
  const byName = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`);
  const byId = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  const all = db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`);
  const regionsOf = db.prepare('SELECT region_code FROM user_regions WHERE user_id = ? ORDER BY region_code').pluck();
  const insertUser = db.prepare(
    `INSERT INTO users (name, display_name, role, unit_id, password_hash, is_demo, created_at, password_changed_at)
     VALUES (@name, @displayName, @role, @unitId, @passwordHash, @isDemo, @now, @now)`,
  );
  const clearRegions = db.prepare('DELETE FROM user_regions WHERE user_id = ?');
  const addRegion = db.prepare('INSERT INTO user_regions (user_id, region_code) VALUES (?, ?)');
  const updateUser = db.prepare(
    `UPDATE users SET display_name = @displayName, role = @role, disabled = @disabled,
       unit_id = CASE WHEN @keepUnit = 1 THEN unit_id ELSE @unitId END
     WHERE id = @id`,
  );
  const setPassword = db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?');
  const count = db.prepare('SELECT count(*) FROM users').pluck();

  const insertSession = db.prepare(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
     VALUES (@tokenHash, @userId, @csrfToken, @now, @expiresAt, @now)`,
  );
  const sessionByHash = db.prepare(
    'SELECT token_hash AS tokenHash, user_id AS userId, csrf_token AS csrfToken, expires_at AS expiresAt FROM sessions WHERE token_hash = ?',
  );
  const deleteSession = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const deleteSessionsOf = db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?');
  const deleteAllSessionsOf = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  const demoCount = db.prepare('SELECT count(*) FROM users WHERE is_demo = 1').pluck();
  const deleteDemoSessions = db.prepare('DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE is_demo = 1)');

  const toUser = (raw: RawUser): UserAccount & { passwordHash: string } => ({
    ...raw,
    disabled: raw.disabled === 1,
    isDemo: raw.isDemo === 1,
    regions: regionsOf.all(raw.id) as string[],
  });

  return {
    count: () => count.get() as number,
    byName(name: string) {
      const raw = byName.get(name) as RawUser | undefined;
      return raw ? toUser(raw) : undefined;
    },
    byId(id: number) {
      const raw = byId.get(id) as RawUser | undefined;
      return raw ? toUser(raw) : undefined;
    },
    list: (): UserAccount[] => (all.all() as RawUser[]).map((raw) => withoutHash(toUser(raw))),
    create(
      user: {
        name: string;
        displayName: string;
        role: Role;
        passwordHash: string;
        isDemo?: boolean;
        regions: string[];
        unitId?: number | null;
      },
      now: string,
    ) {
      const row = { ...user, unitId: user.unitId ?? null, isDemo: user.isDemo ? 1 : 0, now };
      const id = Number(insertUser.run(row).lastInsertRowid);
      for (const r of user.regions) addRegion.run(id, r);
      return id;
    },
    update(
      id: number,
      /** unitId left out: the unit stays as it is. */
      changes: { displayName: string; role: Role; disabled: boolean; regions: string[]; unitId?: number | null },
    ) {
      updateUser.run({
        id,
        displayName: changes.displayName,
        role: changes.role,
        keepUnit: changes.unitId === undefined ? 1 : 0,
        unitId: changes.unitId ?? null,
        disabled: changes.disabled ? 1 : 0,
      });
      clearRegions.run(id);
      for (const r of changes.regions) addRegion.run(id, r);
      if (changes.disabled) deleteAllSessionsOf.run(id);
    },
    setPassword(id: number, passwordHash: string, now: string, keepSessionHash: string) {
      setPassword.run(passwordHash, now, id);
      // A changed password ends every other session of the account.
      deleteSessionsOf.run(id, keepSessionHash);
    },
    /** An administrator's reset: the new hash, and every session of the account ended. Returns how many. */
    resetPassword(id: number, passwordHash: string, now: string): number {
      setPassword.run(passwordHash, now, id);
      return deleteAllSessionsOf.run(id).changes;
    },

    createSession(s: { tokenHash: string; userId: number; csrfToken: string; expiresAt: string }, now: string) {
      deleteExpired.run(now);
      insertSession.run({ ...s, now });
    },
    session: (tokenHash: string) =>
      sessionByHash.get(tokenHash) as { tokenHash: string; userId: number; csrfToken: string; expiresAt: string } | undefined,
    deleteSession: (tokenHash: string) => deleteSession.run(tokenHash),

    /** Demo accounts in the database (created by a demo-mode start on the same file). */
    demoCount: () => demoCount.get() as number,
    /** Ends every session of a demo account: outside demo mode they must not stay signed in. */
    endDemoSessions: () => deleteDemoSessions.run().changes,
  };
}

export function withoutHash(user: UserAccount & { passwordHash?: string }): UserAccount {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

export const toPrincipal = (u: UserAccount): Principal => ({
  id: u.id,
  name: u.name,
  role: u.role,
  regions: u.regions,
  unitId: u.unitId,
});

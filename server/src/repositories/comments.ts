import type { TargetComment } from '../api/types.js';
import type { Db } from '../db/connection.js';

const COLUMNS = `c.id, c.target_id AS targetId, c.year, c.body, u.name AS authorName, u.display_name AS authorDisplayName,
  c.created_at AS createdAt, c.replaces_id AS replacesId`;

export function createCommentsRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO comments (target_id, year, body, author_id, created_at, replaces_id) VALUES (@targetId, @year, @body, @authorId, @createdAt, @replacesId)',
  );
  // A comment replaced by a later one is history, not current commentary.
  const ofTarget = db.prepare(
    `SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
      WHERE c.target_id = ? AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.replaces_id = c.id)
      ORDER BY c.year, c.id`,
  );
  const ofPlan = db.prepare(
    `SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id JOIN targets t ON t.id = c.target_id
      WHERE t.plan_id = ? AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.replaces_id = c.id)
      ORDER BY c.target_id, c.year, c.id`,
  );
  const byId = db.prepare(`SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ?`);
  return {
    add: (c: { targetId: number; year: number; body: string; authorId: number; createdAt: string; replacesId: number | null }) =>
      Number(insert.run(c).lastInsertRowid),
    ofTarget: (targetId: number) => ofTarget.all(targetId) as TargetComment[],
    ofPlan: (planId: number) => ofPlan.all(planId) as TargetComment[],
    byId: (id: number) => byId.get(id) as TargetComment | undefined,
  };
}

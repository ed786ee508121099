import type { Db } from '../db/connection.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  origin: string;
}

export function createAuditRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json, origin)
     VALUES (@at, @actor, @action, @entity, @entityId, @before, @after, @origin)`,
  );
  return {
    record(entry: AuditEntry, at = new Date().toISOString()): void {
      insert.run({
        at,
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
        after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
        origin: entry.origin,
      });
    },
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    },
  };
}

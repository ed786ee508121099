import type { AuditEntry, AuditPage } from '../api/types.js';
import type { Db } from '../db/connection.js';

/** What a write records; read back, it is an AuditEntry. */
export interface NewAuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  origin: string;
  userId?: number | null;
  regionCode?: string | null;
  indicatorCode?: string | null;
  importId?: number | null;
  /** The client address of the request (request.ip); none for the seed and the command line. */
  address?: string | null;
}

export interface AuditSearch {
  userId?: number;
  regionCode?: string;
  indicatorCode?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function createAuditRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, before_json, after_json, origin, user_id, region_code,
       indicator_code, import_id, address)
     VALUES (@at, @actor, @action, @entity, @entityId, @before, @after, @origin, @userId, @regionCode, @indicatorCode, @importId,
       @address)`,
  );
  return {
    record(entry: NewAuditEntry, at = new Date().toISOString()): void {
      insert.run({
        at,
        actor: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId,
        before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
        after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
        origin: entry.origin,
        userId: entry.userId ?? null,
        regionCode: entry.regionCode ?? null,
        indicatorCode: entry.indicatorCode ?? null,
        importId: entry.importId ?? null,
        address: entry.address ?? null,
      });
    },
    /** Newest first; every filter optional. Dates compare as ISO text (from inclusive, to exclusive). */
    search(q: AuditSearch): AuditPage {
      const filters: [string, string, unknown][] = [
        ['user_id = @userId', 'userId', q.userId],
        ['region_code = @regionCode', 'regionCode', q.regionCode],
        ['indicator_code = @indicatorCode', 'indicatorCode', q.indicatorCode],
        ['at >= @from', 'from', q.from],
        ['at < @to', 'to', q.to],
      ];
      const used = filters.filter(([, , value]) => value !== undefined);
      const where = used.map(([sql]) => sql);
      const args: Record<string, unknown> = { limit: q.limit, offset: q.offset };
      for (const [, name, value] of used) args[name] = value;
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const total = db.prepare(`SELECT count(*) FROM audit_log ${clause}`).pluck().get(args) as number;
      const rows = db
        .prepare(
          `SELECT id, at, actor, user_id AS userId, action, entity, entity_id AS entityId, region_code AS regionCode,
                  indicator_code AS indicatorCode, before_json AS beforeJson, after_json AS afterJson, origin, address
             FROM audit_log ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
        )
        .all(args) as (Omit<AuditEntry, 'before' | 'after'> & { beforeJson: string | null; afterJson: string | null })[];
      return {
        total,
        entries: rows.map(({ beforeJson, afterJson, ...r }) => ({
          ...r,
          before: beforeJson === null ? null : JSON.parse(beforeJson),
          after: afterJson === null ? null : JSON.parse(afterJson),
        })),
      };
    },
    /** Every entry about one entity (e.g. target 12), newest first, with the actor's display name. */
    ofEntity(entity: string, entityId: string): (AuditEntry & { actorDisplayName: string | null })[] {
      const rows = db
        .prepare(
          `SELECT a.id, a.at, a.actor, u.display_name AS actorDisplayName, a.user_id AS userId, a.action, a.entity,
                  a.entity_id AS entityId, a.region_code AS regionCode, a.indicator_code AS indicatorCode,
                  a.before_json AS beforeJson, a.after_json AS afterJson, a.origin, a.address
             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
            WHERE a.entity = ? AND a.entity_id = ? ORDER BY a.id DESC`,
        )
        .all(entity, entityId) as (Omit<AuditEntry, 'before' | 'after'> & {
        actorDisplayName: string | null;
        beforeJson: string | null;
        afterJson: string | null;
      })[];
      return rows.map(({ beforeJson, afterJson, ...r }) => ({
        ...r,
        before: beforeJson === null ? null : JSON.parse(beforeJson),
        after: afterJson === null ? null : JSON.parse(afterJson),
      }));
    },
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    },
  };
}

import type { Db } from '../db/connection.js';
import type { WebhookKind } from '../domain/webhooks.js';

export interface WebhookRow {
  id: number;
  kind: WebhookKind;
  url: string;
  /** Whether a 钉钉 secret is set: the secret itself is never sent back. */
  signed: boolean;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
}

export interface DeliveryRow {
  id: number;
  webhookId: number;
  event: string;
  roundId: number | null;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A delivery due to be sent, with what sending needs. */
export interface DueDelivery {
  id: number;
  attempts: number;
  body: unknown;
  webhook: { kind: WebhookKind; url: string; secret: string | null };
}

const WEBHOOK_COLUMNS = `w.id, w.kind, w.url, w.secret IS NOT NULL AS signed, w.enabled, u.name AS createdBy, w.created_at AS createdAt`;
const DELIVERY_COLUMNS = `id, webhook_id AS webhookId, event, round_id AS roundId, state, attempts, next_attempt_at AS nextAttemptAt,
  last_status AS lastStatus, last_error AS lastError, created_at AS createdAt, sent_at AS sentAt`;

type RawWebhook = Omit<WebhookRow, 'signed' | 'enabled'> & { signed: number; enabled: number };
const toWebhook = (r: RawWebhook): WebhookRow => ({ ...r, signed: r.signed === 1, enabled: r.enabled === 1 });

export function createWebhooksRepository(db: Db) {
  const all = db.prepare(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks w JOIN users u ON u.id = w.created_by ORDER BY w.id`);
  const byId = db.prepare(`SELECT ${WEBHOOK_COLUMNS} FROM webhooks w JOIN users u ON u.id = w.created_by WHERE w.id = ?`);
  const enabled = db.prepare('SELECT id, kind FROM webhooks WHERE enabled = 1 ORDER BY id');
  const insert = db.prepare(
    'INSERT INTO webhooks (kind, url, secret, enabled, created_by, created_at) VALUES (@kind, @url, @secret, @enabled, @createdBy, @createdAt)',
  );
  const setEnabled = db.prepare('UPDATE webhooks SET enabled = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM webhooks WHERE id = ?');
  const insertDelivery = db.prepare(
    `INSERT INTO webhook_deliveries (webhook_id, event, round_id, body_json, next_attempt_at, created_at)
     VALUES (@webhookId, @event, @roundId, @body, @now, @now)`,
  );
  const due = db.prepare(
    `SELECT d.id, d.attempts, d.body_json AS body, w.kind, w.url, w.secret
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.state = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT 50`,
  );
  const nextDue = db.prepare(`SELECT min(next_attempt_at) FROM webhook_deliveries WHERE state = 'pending'`).pluck();
  const sent = db.prepare(
    `UPDATE webhook_deliveries SET state = 'sent', attempts = attempts + 1, last_status = ?, last_error = NULL, sent_at = ? WHERE id = ?`,
  );
  const failed = db.prepare(
    `UPDATE webhook_deliveries SET state = @state, attempts = attempts + 1, last_status = @status, last_error = @error,
            next_attempt_at = coalesce(@next, next_attempt_at) WHERE id = @id`,
  );
  const recent = db.prepare(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries ORDER BY id DESC LIMIT ?`);

  return {
    list: () => (all.all() as RawWebhook[]).map(toWebhook),
    byId(id: number) {
      const raw = byId.get(id) as RawWebhook | undefined;
      return raw ? toWebhook(raw) : undefined;
    },
    create(
      w: { kind: WebhookKind; url: string; secret: string | null; enabled: boolean; createdBy: number },
      createdAt: string,
    ): number {
      return Number(insert.run({ ...w, enabled: w.enabled ? 1 : 0, createdAt }).lastInsertRowid);
    },
    setEnabled: (id: number, on: boolean) => setEnabled.run(on ? 1 : 0, id).changes === 1,
    remove: (id: number) => remove.run(id).changes === 1,
    /**
     * The outbox: one delivery per enabled webhook, its body made for the webhook's kind. Called
     * inside the transaction of the event, so an event that is rolled back is never sent.
     */
    enqueue(event: string, roundId: number | null, bodyFor: (kind: WebhookKind) => unknown, now: string): number {
      const hooks = enabled.all() as { id: number; kind: WebhookKind }[];
      for (const h of hooks) insertDelivery.run({ webhookId: h.id, event, roundId, body: JSON.stringify(bodyFor(h.kind)), now });
      return hooks.length;
    },
    due(now: string): DueDelivery[] {
      return (
        due.all(now) as { id: number; attempts: number; body: string; kind: WebhookKind; url: string; secret: string | null }[]
      ).map((r) => ({
        id: r.id,
        attempts: r.attempts,
        body: JSON.parse(r.body) as unknown,
        webhook: { kind: r.kind, url: r.url, secret: r.secret },
      }));
    },
    /** When the next pending delivery is due (null: none pending). */
    nextDue: () => (nextDue.get() as string | null) ?? null,
    markSent: (id: number, status: number, at: string) => sent.run(status, at, id),
    /** A failed attempt: tried again at `next`, or given up (state failed) when next is null. */
    markFailed(id: number, status: number | null, error: string, next: string | null) {
      failed.run({ id, status, error: error.slice(0, 500), state: next === null ? 'failed' : 'pending', next });
    },
    recentDeliveries: (limit: number) => recent.all(limit) as DeliveryRow[],
  };
}

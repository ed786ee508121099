import { deliveryUrl, type RoundEvent, retryDelayMs, webhookBody } from '../domain/webhooks.js';
import type { Repositories } from '../repositories/index.js';

export interface WebhookOptions {
  /** Waits before the 2nd, 3rd… attempt after a failure (default 5 s, 30 s, 2 min: four attempts in all). */
  retryDelaysMs?: readonly number[];
  /** How long one POST may take (default 10 s). */
  timeoutMs?: number;
  /** Where failures are logged (the app's logger). */
  log?: { warn: (obj: object, msg: string) => void };
}

/**
 * Round events to webhooks, through an outbox: `notify` writes a delivery per enabled webhook inside
 * the caller's transaction; `kick`, called once that transaction has committed, has them sent on a
 * later turn of the event loop. A failed delivery is recorded on its row and tried again after the
 * next delay; it never fails the request that caused it, and nothing is sent for a write rolled back.
 */
export function createWebhookDispatcher(repos: Repositories, options: WebhookOptions = {}) {
  const delays = options.retryDelaysMs ?? [5_000, 30_000, 120_000];
  const timeoutMs = options.timeoutMs ?? 10_000;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  async function send(d: ReturnType<Repositories['webhooks']['due']>[number]): Promise<void> {
    const now = Date.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(deliveryUrl(d.webhook, now), {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(d.body),
        // A redirect is not followed: the configured URL is the only place a message goes.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      const text = await res.text();
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      else if (d.webhook.kind !== 'generic') {
        // The robots answer 200 with {"errcode":…,"errmsg":…}; anything but errcode 0 is a failure.
        const answer = parseJson(text) as { errcode?: unknown; errmsg?: unknown } | null;
        if (answer && typeof answer.errcode === 'number' && answer.errcode !== 0) {
          error = `errcode ${answer.errcode}: ${String(answer.errmsg ?? '')}`;
        }
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const at = new Date().toISOString();
    if (error === null) {
      repos.webhooks.markSent(d.id, status ?? 0, at);
      return;
    }
    const wait = retryDelayMs(d.attempts + 1, delays);
    repos.webhooks.markFailed(d.id, status, error, wait === null ? null : new Date(Date.now() + wait).toISOString());
    options.log?.warn(
      { deliveryId: d.id, attempts: d.attempts + 1, status, error, retry: wait !== null },
      'webhook delivery failed',
    );
  }

  async function runDue(): Promise<void> {
    for (;;) {
      const due = repos.webhooks.due(new Date().toISOString());
      if (due.length === 0) break;
      await Promise.all(due.map(send));
    }
    schedule();
  }

  /** Wakes up when the next retry is due. */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const next = repos.webhooks.nextDue();
    if (closed || next === null) return;
    timer = setTimeout(kick, Math.max(0, Date.parse(next) - Date.now()));
    timer.unref();
  }

  function kick(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(runDue)
      .catch((e: unknown) => options.log?.warn({ error: String(e) }, 'webhook dispatch failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  }

  return {
    /** Queues the event for every enabled webhook; call inside the event's own transaction. */
    notify(event: RoundEvent, roundId: number | null, now: string): number {
      return repos.webhooks.enqueue(event.kind, roundId, (kind) => webhookBody(kind, event), now);
    },
    /** Sends what is due, after the current transaction and request are done. */
    kick,
    /** Resolves once nothing is being sent (tests wait on it). */
    async settled(): Promise<void> {
      while (running) await running;
    },
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

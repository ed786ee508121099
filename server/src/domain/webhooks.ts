/**
 * What a webhook posts about a collection round's events, in the JSON formats of the group robots
 * government offices use: 企业微信 (WeCom) group robots and 钉钉 (DingTalk) custom robots, or a plain
 * JSON object for any other endpoint. Pure (the 钉钉 signature uses node:crypto's HMAC, no I/O).
 *
 * - 企业微信: POST {"msgtype":"markdown","markdown":{"content":"…"}} to the robot's URL (…/cgi-bin/webhook/send?key=…).
 * - 钉钉: POST {"msgtype":"markdown","markdown":{"title":"…","text":"…"}} to …/robot/send?access_token=…;
 *   with 加签 set, the URL also carries &timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256 of
 *   "<timestamp>\n<secret>" keyed by the secret>, and the timestamp must be within an hour of the
 *   send, so the URL is signed when it is sent, not when the event is queued.
 */
import { createHmac } from 'node:crypto';

export type WebhookKind = 'wecom' | 'dingtalk' | 'generic';
export const WEBHOOK_KINDS: readonly WebhookKind[] = ['wecom', 'dingtalk', 'generic'];

export type RoundEventKind =
  | 'round_opened'
  | 'figure_submitted'
  | 'figure_returned'
  | 'figure_approved'
  | 'round_complete'
  | 'round_overdue';
export const ROUND_EVENT_KINDS: readonly RoundEventKind[] = [
  'round_opened',
  'figure_submitted',
  'figure_returned',
  'figure_approved',
  'round_complete',
  'round_overdue',
];

export interface RoundRef {
  id: number;
  titleZh: string;
  regionNameZh: string;
  year: number;
  dueDate: string;
}

export interface FigureRef {
  regionNameZh: string;
  indicatorNameZh: string;
  year: number;
  value: number | null;
  unit: string;
}

export type RoundEvent =
  | { kind: 'round_opened'; round: RoundRef; items: number; by: string }
  | { kind: 'figure_submitted'; round: RoundRef; figures: FigureRef[]; by: string }
  | { kind: 'figure_returned'; round: RoundRef; figures: FigureRef[]; by: string; reason: string }
  | { kind: 'figure_approved'; round: RoundRef; figures: FigureRef[]; by: string }
  | { kind: 'round_complete'; round: RoundRef; items: number }
  | { kind: 'round_overdue'; round: RoundRef; outstanding: number; items: number };

const figureText = (f: FigureRef) =>
  `${f.regionNameZh} ${f.year}年 ${f.indicatorNameZh}：${f.value === null ? '未公布' : `${f.value} ${f.unit}`}`;

/** The event's headline and lines, in Chinese: the robots post into Chinese offices' groups. */
export function describeEvent(event: RoundEvent): { title: string; lines: string[] } {
  const count = (figures: readonly FigureRef[]) => (figures.length > 1 ? `（${figures.length} 项）` : '');
  switch (event.kind) {
    case 'round_opened':
      return {
        title: `填报开始：${event.round.titleZh}`,
        lines: [
          `地区：${event.round.regionNameZh}`,
          `数据年度：${event.round.year}年`,
          `应报数据：${event.items} 项`,
          `截止日期：${event.round.dueDate}`,
          `发起人：${event.by}`,
        ],
      };
    case 'figure_submitted':
      return {
        title: `数据已报送待审核${count(event.figures)}`,
        lines: [...event.figures.map(figureText), `填报轮次：${event.round.titleZh}`, `填报人：${event.by}`],
      };
    case 'figure_returned':
      return {
        title: `数据被退回${count(event.figures)}`,
        lines: [
          ...event.figures.map(figureText),
          `填报轮次：${event.round.titleZh}`,
          `退回原因：${event.reason}`,
          `审核人：${event.by}`,
        ],
      };
    case 'figure_approved':
      return {
        title: `数据审核通过并发布${count(event.figures)}`,
        lines: [...event.figures.map(figureText), `填报轮次：${event.round.titleZh}`, `审核人：${event.by}`],
      };
    case 'round_complete':
      return { title: `填报完成：${event.round.titleZh}`, lines: [`${event.items} 项数据全部审核通过`] };
    case 'round_overdue':
      return {
        title: `填报逾期：${event.round.titleZh}`,
        lines: [`截止日期 ${event.round.dueDate} 已过`, `尚有 ${event.outstanding} / ${event.items} 项未审核通过`],
      };
  }
}

/**
 * Markdown of the robots: a heading, then one line each. Every line starts with "> ", so no text can
 * become a heading; markdown's active characters in what users typed (a reason, a name) are replaced
 * by their full-width forms, since neither robot documents backslash escapes: a reason cannot become
 * a link, an image or emphasis, and stays readable.
 */
export function markdownOf(event: RoundEvent): { title: string; text: string } {
  const { title, lines } = describeEvent(event);
  return { title, text: [`### ${escapeMarkdown(title)}`, ...lines.map((l) => `> ${escapeMarkdown(l)}`)].join('\n') };
}

const FULL_WIDTH: Record<string, string> = {
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '`': '｀',
  '*': '＊',
  '!': '！',
  '\\': '＼',
};

export function escapeMarkdown(text: string): string {
  return text.replace(/[[\]<>`*!\\]/g, (c) => FULL_WIDTH[c] ?? c).replace(/\r?\n/g, ' ');
}

/** The JSON body a webhook of the kind is sent for the event. */
export function webhookBody(kind: WebhookKind, event: RoundEvent): unknown {
  const { title, text } = markdownOf(event);
  switch (kind) {
    case 'wecom':
      return { msgtype: 'markdown', markdown: { content: text } };
    case 'dingtalk':
      return { msgtype: 'markdown', markdown: { title, text } };
    case 'generic': {
      const { title: t, lines } = describeEvent(event);
      return { event: event.kind, title: t, text: lines.join('\n'), data: event };
    }
  }
}

/** 钉钉's 加签: base64 HMAC-SHA256 of "<timestamp>\n<secret>", keyed by the secret. */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The URL to post to: a 钉钉 robot with a secret gets &timestamp=…&sign=… added when it is sent. */
export function deliveryUrl(webhook: { kind: WebhookKind; url: string; secret: string | null }, nowMs: number): string {
  if (webhook.kind !== 'dingtalk' || !webhook.secret) return webhook.url;
  const url = new URL(webhook.url);
  url.searchParams.set('timestamp', String(nowMs));
  url.searchParams.set('sign', dingtalkSign(nowMs, webhook.secret));
  return url.toString();
}

/** Only http(s) URLs with a host, no credentials in them: anything else is refused when configured. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http:// and https:// URLs are allowed';
  if (!url.hostname) return 'the URL names no host';
  if (url.username || url.password) return 'the URL must not carry a user name or password';
  return null;
}

/** How long to wait before the next attempt after `attempts` failures; null: give up. */
export function retryDelayMs(attempts: number, delays: readonly number[]): number | null {
  return attempts <= delays.length ? (delays[attempts - 1] ?? null) : null;
}

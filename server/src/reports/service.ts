import type { Repositories } from '../repositories/index.js';
import type { PlanSummaryRow } from '../repositories/plans.js';
import type { ProgressService } from '../services/progress.js';
import { createReportCache } from './cache.js';
import { type CsvEncoding, renderReportCsv } from './csv.js';
import type { Lang } from './labels.js';
import { buildReportModel, chinaDate } from './model.js';
import { createReportPool, type ReportPoolOptions } from './pool.js';

// A report is made once per data version and kept: the model is built from the database on the main
// thread (cheap reads), laid out on a worker (pool.ts), and the bytes cached until anything a report
// shows is written (the data version of migration 0009). Identical requests made while one is being
// rendered wait for that render instead of starting their own.

export type ReportFormat = 'pdf' | 'xlsx' | 'docx' | 'csv';

export interface ReportServiceOptions extends ReportPoolOptions {
  /** Memory for rendered reports, in bytes (default 64 MiB), least recently used out first. */
  cacheBytes?: number;
}

/** The report a request names, checked by the route: the plan exists, the region is one of its targets'. */
export interface ReportScope {
  plan: PlanSummaryRow;
  asOf: number | null;
  lang: Lang;
  region: string | null;
}

export type ReportAnswer = { status: 304; etag: string } | { status: 200; etag: string; bytes: Buffer; cached: boolean };

/** If-None-Match holds the ETag (weak comparison, as RFC 9110 asks for GET): the client's copy is current. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

export function createReportService(
  deps: { repos: Repositories; progress: ProgressService },
  options: ReportServiceOptions = {},
) {
  const { repos } = deps;
  const pool = createReportPool(options);
  const cache = createReportCache(options.cacheBytes ?? 64 * 1024 * 1024);
  const rendering = new Map<string, Promise<{ bytes: Buffer; version: number }>>();
  // In the ETag: a restart (an upgrade) may lay the same data out differently.
  const boot = Date.now().toString(36);

  return {
    pool,
    cache,

    /**
     * The report's bytes, from the cache or freshly made; 304 when the client's ETag is current.
     * `owner` is who the render counts against (a user, else an address). Throws ReportsBusyError
     * (429 / 503) when a render is needed and there is no room for it.
     */
    async report(
      scope: ReportScope,
      format: ReportFormat,
      request: { owner: string; encoding?: CsvEncoding; ifNoneMatch?: string },
    ): Promise<ReportAnswer> {
      const now = new Date();
      // The report prints the day it was made: a new day makes a new report, even on the same data.
      const day = chinaDate(now);
      const { version, epoch } = repos.dataVersion.current();
      const etagOf = (v: number) => `W/"${epoch}-${v}-${day}-${boot}"`;
      const encoding = format === 'csv' ? (request.encoding ?? 'utf-8') : '';
      const { asOf, lang, region } = scope;
      const keyOf = (v: number) => [scope.plan.id, format, asOf ?? 'latest', lang, region ?? 'plan', encoding, day, v].join('|');

      const etag = etagOf(version);
      if (matches(request.ifNoneMatch, etag)) return { status: 304, etag };
      const key = keyOf(version);
      const hit = cache.get(key);
      if (hit) return { status: 200, etag, bytes: hit, cached: true };

      /**
       * The model and the version it is filed under, read together: synchronous, so no write can
       * come in between. A render waiting for a thread reads them when it starts, maybe newer than
       * the version the request saw; the report is then filed (and tagged) under the newer one.
       */
      const build = () => {
        const madeAt = repos.dataVersion.current().version;
        const plan = repos.plans.find(String(scope.plan.id)) ?? scope.plan;
        return { madeAt, model: buildReportModel(deps, { plan, asOf, lang, region, now }) };
      };
      if (format === 'csv') {
        // A string join: cheaper than the trip to a worker and back.
        const { madeAt, model } = build();
        const bytes = renderReportCsv(model, encoding as CsvEncoding);
        cache.set(keyOf(madeAt), bytes, madeAt);
        return { status: 200, etag: etagOf(madeAt), bytes, cached: false };
      }
      let pending = rendering.get(key);
      if (!pending) {
        let madeAt = version;
        const made = pool
          .render(request.owner, () => {
            const built = build();
            madeAt = built.madeAt;
            return { format, model: built.model };
          })
          .then((r) => {
            cache.set(keyOf(madeAt), r.bytes, madeAt);
            return { bytes: r.bytes, version: madeAt };
          });
        pending = made;
        rendering.set(key, made);
        const done = () => {
          if (rendering.get(key) === made) rendering.delete(key);
        };
        made.then(done, done);
      }
      const made = await pending;
      return { status: 200, etag: etagOf(made.version), bytes: made.bytes, cached: false };
    },

    close: () => pool.close(),
  };
}

export type ReportService = ReturnType<typeof createReportService>;

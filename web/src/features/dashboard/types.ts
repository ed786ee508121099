/** The dashboard API's shapes (server/src/routes/dashboard.ts and progress.ts). */
export type {
  Headline,
  PlansComparison,
  RecurringIndicators,
  RegionOverview,
  RegionsComparison,
  TargetBrief,
  TargetProgressDetail,
} from '../../api/types.js';

/** A statistician's remark on a target and year ("2020年受疫情影响…"), as GET answers it. */
export type { TargetComment } from '../../api/types.js';

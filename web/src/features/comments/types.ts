/** A statistician's remark on a target and year ("2020年受疫情影响…"), as GET answers it. */
export interface TargetComment {
  id: number;
  targetId: number;
  year: number;
  body: string;
  authorName: string;
  authorDisplayName: string;
  createdAt: string;
  /** the earlier comment this one corrects */
  replacesId: number | null;
}

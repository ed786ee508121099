import en from './en.json' with { type: 'json' };
import adminEn from './features/admin.en.json' with { type: 'json' };
import adminZh from './features/admin.zh-CN.json' with { type: 'json' };
import authEn from './features/auth.en.json' with { type: 'json' };
import authZh from './features/auth.zh-CN.json' with { type: 'json' };
import bulletinEn from './features/bulletin.en.json' with { type: 'json' };
import bulletinZh from './features/bulletin.zh-CN.json' with { type: 'json' };
import dashboardEn from './features/dashboard.en.json' with { type: 'json' };
import dashboardZh from './features/dashboard.zh-CN.json' with { type: 'json' };
import importsEn from './features/imports.en.json' with { type: 'json' };
import importsZh from './features/imports.zh-CN.json' with { type: 'json' };
import planEditEn from './features/planEdit.en.json' with { type: 'json' };
import planEditZh from './features/planEdit.zh-CN.json' with { type: 'json' };
import planExtractEn from './features/planExtract.en.json' with { type: 'json' };
import planExtractZh from './features/planExtract.zh-CN.json' with { type: 'json' };
import reportsEn from './features/reports.en.json' with { type: 'json' };
import reportsZh from './features/reports.zh-CN.json' with { type: 'json' };
import reviewEn from './features/review.en.json' with { type: 'json' };
import reviewZh from './features/review.zh-CN.json' with { type: 'json' };
import roundsEn from './features/rounds.en.json' with { type: 'json' };
import roundsZh from './features/rounds.zh-CN.json' with { type: 'json' };
import unitsEn from './features/units.en.json' with { type: 'json' };
import unitsZh from './features/units.zh-CN.json' with { type: 'json' };
import zh from './zh-CN.json' with { type: 'json' };

// The strings of the shell and the plan pages live in zh-CN.json / en.json; each later feature has
// its own pair under features/, merged here under the feature's name (t('auth.signIn')), so that
// features can grow their strings without touching one another's files.

export const zhResources = {
  ...zh,
  admin: adminZh,
  auth: authZh,
  bulletin: bulletinZh,
  dashboard: dashboardZh,
  imports: importsZh,
  planEdit: planEditZh,
  planExtract: planExtractZh,
  reports: reportsZh,
  rounds: roundsZh,
  units: unitsZh,
  review: reviewZh,
};

// Typed against the Chinese resources: a key missing from an English file fails to compile.
export const enResources: typeof zhResources = {
  ...en,
  admin: adminEn,
  auth: authEn,
  bulletin: bulletinEn,
  dashboard: dashboardEn,
  imports: importsEn,
  planEdit: planEditEn,
  planExtract: planExtractEn,
  reports: reportsEn,
  rounds: roundsEn,
  units: unitsEn,
  review: reviewEn,
};

// Targets proposed from a plan's text: see ./propose.ts.
export { type CatalogueIndicator, catalogueOf } from './catalogue.js';
export type { PlanFacts, RegionRef } from './facts.js';
export {
  type Extraction,
  type ExtractOptions,
  type NewIndicator,
  type Proposal,
  type ProposalType,
  proposeTargets,
  type Reason,
  type ReasonCode,
} from './propose.js';
export { matchView, normaliseDocument } from './text.js';

// The shapes of collection rounds and notifications, as the routes answer them (types only: the web
// imports them with `import type`). Derived from the routes' TypeBox schemas, so the two cannot drift.

import type { Static } from 'typebox';
import type {
  ItemStatus,
  NewRound,
  Notifications,
  PlanCompleteness,
  Round,
  RoundDetail,
  RoundItem,
  RoundSummary,
  StatusCounts,
  Todo,
  TodoItem,
  Unit,
} from '../schemas/rounds.js';

export type RoundItemStatus = Static<typeof ItemStatus>;
export type RoundStatusCounts = Static<typeof StatusCounts>;
export type NewRoundRequest = Static<typeof NewRound>;
export type CollectionRound = Static<typeof Round>;
export type CollectionRoundSummary = Static<typeof RoundSummary>;
export type CollectionRoundItem = Static<typeof RoundItem>;
export type CollectionRoundDetail = Static<typeof RoundDetail>;
export type CollectionUnit = Static<typeof Unit>;
export type RoundTodo = Static<typeof Todo>;
export type RoundTodoItem = Static<typeof TodoItem>;
export type PlanCompletenessAnswer = Static<typeof PlanCompleteness>;
export type MyNotifications = Static<typeof Notifications>;

import type { Db } from '../db/connection.js';
import { createAuditRepository } from './audit.js';
import { createCommentsRepository } from './comments.js';
import { createDataVersionRepository } from './dataVersion.js';
import { createFigureSubmissionsRepository } from './figureSubmissions.js';
import { createImportsRepository } from './imports.js';
import { createObservationsRepository } from './observations.js';
import { createPlansRepository } from './plans.js';
import { createReferenceRepository } from './reference.js';
import { createRoundsRepository } from './rounds.js';
import { createSettingsRepository } from './settings.js';
import { createSignInAttemptsRepository } from './signInAttempts.js';
import { createUnitsRepository } from './units.js';
import { createUsersRepository } from './users.js';
import { createWebhooksRepository } from './webhooks.js';

export function createRepositories(db: Db) {
  return {
    db,
    audit: createAuditRepository(db),
    reference: createReferenceRepository(db),
    plans: createPlansRepository(db),
    observations: createObservationsRepository(db),
    users: createUsersRepository(db),
    signInAttempts: createSignInAttemptsRepository(db),
    imports: createImportsRepository(db),
    comments: createCommentsRepository(db),
    dataVersion: createDataVersionRepository(db),
    rounds: createRoundsRepository(db),
    webhooks: createWebhooksRepository(db),
    figureSubmissions: createFigureSubmissionsRepository(db),
    settings: createSettingsRepository(db),
    units: createUnitsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

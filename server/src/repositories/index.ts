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

export type TransactionMode = 'deferred' | 'immediate' | 'exclusive';

export function createRepositories(db: Db) {
  return {
    /**
     * The connection itself: for the database's own tooling (migrations, backup, the seed loader,
     * benches and tests). Services and routes do not reach for it; they write through the
     * repositories inside `transaction`, so that another store behind the same repositories needs
     * only those (docs/scaling.md).
     */
    db,
    /**
     * Runs `work` as one transaction: committed when it returns, rolled back when it throws. Called
     * inside another, it joins that one (a savepoint). 'immediate' takes the write lock at the start:
     * for work that reads what it then writes on, so no other writer comes in between.
     */
    transaction<T>(work: () => T, mode: TransactionMode = 'deferred'): T {
      const run = db.transaction(work);
      return mode === 'immediate' ? run.immediate() : mode === 'exclusive' ? run.exclusive() : run();
    },
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

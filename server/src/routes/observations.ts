import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../repositories/index.js';
import { errorResponses } from '../schemas/common.js';
import { CurrentObservation, ObservationHistoryQuery, ObservationRevision, ObservationsQuery } from '../schemas/observations.js';
import { Indicator } from '../schemas/reference.js';
import { FigureSubmission } from '../schemas/review.js';
import { NotFoundError } from './errors.js';

export const observationRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories }> = async (app, { repos }) => {
  const known = (region: string, indicator: string) => {
    if (!repos.reference.regionExists(region)) throw new NotFoundError(`No region with code ${region}`);
    const found = repos.reference.indicator(indicator);
    if (!found) throw new NotFoundError(`No indicator with code ${indicator}`);
    return found;
  };

  app.get(
    '/api/observations',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Current value of each year for one region and indicator, with its revision count',
        querystring: ObservationsQuery,
        response: {
          200: Type.Object({ region: Type.String(), indicator: Indicator, observations: Type.Array(CurrentObservation) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { region, indicator } = request.query;
      const found = known(region, indicator);
      return { region, indicator: found, observations: repos.observations.current(region, indicator) };
    },
  );

  app.get(
    '/api/observations/history',
    {
      config: { access: 'read' },
      schema: {
        summary:
          'Every revision of one figure, oldest first, each with the upload, restore or revert it came from, and every submission of it for review (submitted, approved, returned, withdrawn; with its checks and explanation)',
        querystring: ObservationHistoryQuery,
        response: {
          200: Type.Object({ revisions: Type.Array(ObservationRevision), submissions: Type.Array(FigureSubmission) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { region, indicator, year } = request.query;
      known(region, indicator);
      return {
        revisions: repos.observations.history(region, indicator, year),
        submissions: repos.figureSubmissions.ofFigure(region, indicator, year),
      };
    },
  );
};

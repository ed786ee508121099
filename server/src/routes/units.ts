import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Repositories } from '../repositories/index.js';
import { errorResponses, RegionCode } from '../schemas/common.js';
import { AsOfQuery } from '../schemas/progress.js';
import { TargetUnit, TargetUnitsBody, Unit, UnitDetail } from '../schemas/units.js';
import { TargetUnitsRefused, type UnitsService } from '../services/units.js';
import { NotFoundError } from './errors.js';

export const unitRoutes: FastifyPluginAsyncTypebox<{ repos: Repositories; units: UnitsService }> = async (
  app,
  { repos, units },
) => {
  app.get(
    '/api/units',
    {
      config: { access: 'read' },
      schema: {
        summary: 'The units (departments, governments) of a region, or of every region',
        querystring: Type.Object({ region: Type.Optional(RegionCode) }, { additionalProperties: false }),
        response: { 200: Type.Array(Unit), ...errorResponses },
      },
    },
    async (request) => {
      const region = request.query.region;
      if (region && !repos.reference.regionExists(region)) throw new NotFoundError(`No region with code ${region}`);
      return repos.units.list(region);
    },
  );

  app.get(
    '/api/units/:id',
    {
      config: { access: 'read' },
      schema: {
        summary: 'One unit, the forms printed for it, and the targets it leads or is responsible for, judged as of a year',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: AsOfQuery,
        response: { 200: UnitDetail, ...errorResponses },
      },
    },
    async (request) => {
      const detail = units.detail(request.params.id, request.query.asOf ?? null);
      if (!detail) throw new NotFoundError(`No unit with id ${request.params.id}`);
      return detail;
    },
  );

  app.put(
    '/api/targets/:id/units',
    {
      config: { access: 'admin' },
      schema: {
        summary: "Set a target's lead and responsible units, in the order printed (replaces them; audited)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: TargetUnitsBody,
        response: { 200: Type.Array(TargetUnit), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = request.user;
      try {
        const written = units.setTargetUnits(request.params.id, request.body.units, {
          actor: actor?.name ?? 'unknown',
          userId: actor?.id ?? null,
          origin: 'form',
          address: request.ip,
        });
        if (!written) throw new NotFoundError(`No target with id ${request.params.id}`);
        return written;
      } catch (error) {
        if (!(error instanceof TargetUnitsRefused)) throw error;
        return reply.status(400).send({
          statusCode: 400,
          error: 'Bad Request',
          message: `${error.field}: ${error.message}`,
          field: error.field,
          code: error.code,
        });
      }
    },
  );
};

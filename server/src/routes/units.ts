import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { matchUnit } from '../domain/unitMatch.js';
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

  // The forms a plan prints for its units (牵头单位：市科技局、經濟區管委會), each matched to a unit of
  // the region as a saved plan file's target units are (domain/unitMatch.ts): the new-plan page shows
  // the ones no unit matches before saving, since those stay in the target's note only.
  app.get(
    '/api/units/match',
    {
      config: { access: 'read' },
      schema: {
        summary: 'Which unit of a region each printed form names (its name or an alias, simplified or traditional), or null',
        querystring: Type.Object(
          {
            region: RegionCode,
            form: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
              maxItems: 200,
              description: 'repeat: form=…&form=…',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(Type.Object({ form: Type.String(), unit: Type.Union([Unit, Type.Null()]) })),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { region, form } = request.query;
      if (!repos.reference.regionExists(region)) throw new NotFoundError(`No region with code ${region}`);
      const units = repos.units.withAliases(region);
      return form.map((f) => {
        const found = matchUnit(f, units);
        return {
          form: f,
          unit: found
            ? { id: found.id, regionCode: found.regionCode, nameZh: found.nameZh, nameEn: found.nameEn, kind: found.kind }
            : null,
        };
      });
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

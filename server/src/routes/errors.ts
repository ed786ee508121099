import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { Refusal } from '../domain/refusal.js';
import { fieldMessage, fieldProblem } from '../domain/requestFields.js';

export class NotFoundError extends Error {
  readonly statusCode = 404;
  override name = 'NotFoundError';
}

/**
 * A 400 about one field that only the data can judge (the schema has already passed it), answered
 * in the same form as a validation error: the message names the field, and `field` holds it.
 */
export class BadRequestError extends Error {
  readonly statusCode = 400;
  override name = 'BadRequestError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The 403 body for a write about a region the user is not assigned to (nothing is written). */
export function regionNotAssigned(regionCode: string, what: string) {
  return {
    statusCode: 403,
    error: 'Forbidden',
    message: `You may ${what} only for your own regions, not ${regionCode}.`,
    code: 'region_not_assigned',
  };
}

/** The answer to a service's refusal: its status and code, the message in both languages, what it found. */
export function refusalBody(error: Refusal) {
  return {
    statusCode: error.statusCode,
    error: STATUS_CODES[error.statusCode] ?? 'Error',
    message: error.messages.en,
    code: error.code,
    messages: error.messages,
    ...error.detail,
  };
}

/** Names the field a validation error is about: "region" for querystring/region, etc. */
function fieldOf(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  const additional = (first.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return [path, missing ?? additional].filter(Boolean).join('.') || error.validationContext;
}

/**
 * One error handler for the whole API: 400 names the offending field, 404 says what was not found,
 * and a 5xx never leaks internals (the details go to the log, the client gets a generic message).
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const field = fieldOf(error);
      const first = error.validation[0];
      const detail = first?.message ?? 'is invalid';
      const additional = (first?.params as { additionalProperty?: string } | undefined)?.additionalProperty;
      const message = additional
        ? `${error.validationContext} has an unknown field "${additional}"`
        : `${error.validationContext} field "${field}" ${detail}`;
      // The same field problem in both languages, so that the web shows it in the user's (the
      // validator's English detail stays in `message` for other clients).
      const problem = fieldProblem(error.validation);
      return reply.status(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message,
        field,
        code: 'invalid_field',
        reason: problem.reason,
        messages: fieldMessage(problem),
      });
    }
    if (error instanceof Refusal) return reply.status(error.statusCode).send(refusalBody(error));
    if (error instanceof BadRequestError) {
      return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: error.message, field: error.field });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({
        statusCode: status,
        error: 'Internal Server Error',
        message: 'Something went wrong on the server; the error has been logged.',
      });
    }
    return reply.status(status).send({
      statusCode: status,
      error: error.name === 'NotFoundError' ? 'Not Found' : (error.code ?? 'Error'),
      message: error.message,
    });
  });
}

import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { healthResponseSchema } from './health';
import { pastPredictionsQuerySchema, pastPredictionsResponseSchema } from './past-predictions-schemas';
import { predictRequestDocSchema, predictResponseSchema } from './predict-schemas';

/**
 * The API's OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 * Each route module registers its paths here.
 */
export const registry = new OpenAPIRegistry();

export const errorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

registry.registerPath({
  method: 'get',
  path: '/health',
  summary: 'Whether the database, Temporal and the model are reachable',
  tags: ['operations'],
  responses: {
    200: {
      description: 'Every critical dependency answers',
      content: { 'application/json': { schema: healthResponseSchema } },
    },
    503: {
      description: 'A critical dependency is down',
      content: { 'application/json': { schema: healthResponseSchema } },
    },
  },
});

export const bearerAuth = registry.registerComponent('securitySchemes', 'bearerAuth', {
  type: 'http',
  scheme: 'bearer',
  description: 'Required on every endpoint but /health when CONTRAIL_API_TOKEN is set.',
});

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

registry.registerPath({
  method: 'post',
  path: '/predict',
  summary: 'Predict rows and store every prediction',
  description:
    'Each row is checked against the feature spec; valid rows are predicted by the active model and stored ' +
    'with it, invalid rows come back with their index and reasons and are not stored. Send an ' +
    'Idempotency-Key to make a retried batch return the stored result without storing it twice.',
  tags: ['predictions'],
  security: [{ [bearerAuth.name]: [] }],
  request: {
    headers: z.object({ 'Idempotency-Key': z.string().max(255).optional() }),
    body: { content: { 'application/json': { schema: predictRequestDocSchema } } },
  },
  responses: {
    200: {
      description: 'A result per row: its prediction (stored), or why it was refused (not stored)',
      content: { 'application/json': { schema: predictResponseSchema } },
    },
    400: errorResponse('The body is not a PredictRequest'),
    401: errorResponse('Missing or wrong bearer token'),
    413: errorResponse('The body is larger than the limit'),
    422: errorResponse('An Idempotency-Key reused with another body'),
    503: errorResponse('No model is active yet'),
  },
});

registry.registerPath({
  method: 'get',
  path: '/past-predictions',
  summary: 'Stored predictions with their features, newest first',
  description:
    'Cursor-paged JSON, or a CSV stream with `Accept: text/csv`. from/to filter on when the prediction was made.',
  tags: ['predictions'],
  security: [{ [bearerAuth.name]: [] }],
  request: { query: pastPredictionsQuerySchema },
  responses: {
    200: {
      description: 'A page of predictions (JSON) or all of them up to limit (CSV)',
      content: {
        'application/json': { schema: pastPredictionsResponseSchema },
        'text/csv': { schema: z.string() },
      },
    },
    400: errorResponse('A query parameter or the cursor is not valid'),
    401: errorResponse('Missing or wrong bearer token'),
  },
});

export function openApiDocument(serverUrl: string) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Contrail model service',
      version: '1.0.0',
      description: 'Predictions, past predictions, data-quality reports and monitoring for Contrail.',
    },
    servers: [{ url: serverUrl }],
  });
}

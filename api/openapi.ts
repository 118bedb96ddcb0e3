import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { healthResponseSchema } from './health';

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

import { z } from 'zod';
import { activeSpec, rowSchema } from '../core/feature-spec';

export const MAX_ROWS_PER_REQUEST = 100_000;

export const predictionSourceSchema = z.enum(['webapp', 'scheduled']);

/**
 * The POST /predict envelope. Rows are taken as they come and checked one by one against the
 * spec's row schema (so each refused row is reported by index, not the request as a whole); the
 * document shows them with that same row schema.
 */
const envelope = <Row extends z.ZodType>(row: Row) =>
  z.strictObject({
    source: predictionSourceSchema.describe('who asks: the web app, or the scheduled prediction DAG'),
    rows: z
      .array(row)
      .min(1, 'at least one row')
      .max(MAX_ROWS_PER_REQUEST, `at most ${MAX_ROWS_PER_REQUEST.toLocaleString('en')} rows per request`),
    fileName: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe('the good-data file the rows come from (scheduled)'),
  });

export const predictRequestSchema = envelope(z.unknown());
export const predictRequestDocSchema = envelope(rowSchema(activeSpec)).meta({ id: 'PredictRequest' });

export const rowIssueSchema = z.object({
  field: z.string().nullable().describe('the column at fault, or null for the row as a whole'),
  message: z.string(),
});

export const predictedRowSchema = z
  .object({
    index: z.number().int().describe('position of the row in the request'),
    features: z.unknown().describe('the row as sent'),
    prediction: z
      .number()
      .optional()
      .describe(`predicted ${activeSpec.label.name} (${activeSpec.label.unit ?? ''})`),
    error: z
      .object({ issues: z.array(rowIssueSchema) })
      .optional()
      .describe('why the row was refused'),
  })
  .meta({ id: 'PredictedRow' });

export const predictResponseSchema = z
  .object({
    requestId: z.uuid(),
    modelVersion: z.string().describe('the registry id of the model that made these predictions'),
    source: predictionSourceSchema,
    predicted: z.number().int(),
    rejected: z.number().int(),
    replayed: z
      .boolean()
      .describe('true when this answers a retry of a stored request (same Idempotency-Key)'),
    results: z.array(predictedRowSchema).describe('one per row sent, in order'),
  })
  .meta({ id: 'PredictResponse' });

export type PredictResponse = z.infer<typeof predictResponseSchema>;

import { z } from 'zod';
import { activeSpec } from '../core/feature-spec';
import { predictionSourceSchema } from './predict-schemas';

export const MAX_PAGE = 1_000;
export const MAX_CSV_ROWS = 1_000_000;

/** A date (midnight UTC) or an ISO date-time; one without an offset is read as UTC. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true, local: true })])
  .transform(
    (text) =>
      new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) || /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`),
  )
  .refine((date) => !Number.isNaN(date.getTime()), 'not a real date');

export const pastPredictionsQuerySchema = z.strictObject({
  from: instant.optional().describe('predictions made at or after this instant (inclusive)'),
  to: instant.optional().describe('predictions made before this instant (exclusive)'),
  source: z.enum([...predictionSourceSchema.options, 'all']).default('all'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_CSV_ROWS)
    .optional()
    .describe(
      `page size: JSON default 100, at most ${MAX_PAGE}; CSV default and at most ${MAX_CSV_ROWS.toLocaleString('en')}`,
    ),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});

export type PastPredictionsQuery = z.infer<typeof pastPredictionsQuerySchema>;

export const storedPredictionSchema = z
  .object({
    id: z.string().describe('row id (a 64-bit integer, as text)'),
    requestId: z.uuid(),
    rowIndex: z.number().int(),
    source: predictionSourceSchema,
    modelVersion: z.string(),
    fileName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    features: z
      .record(z.string(), z.unknown())
      .describe(`the row's ${activeSpec.features.map((f) => f.name).join(', ')}`),
    prediction: z.number(),
  })
  .meta({ id: 'StoredPrediction' });

export const pastPredictionsResponseSchema = z
  .object({
    predictions: z.array(storedPredictionSchema).describe('newest first'),
    nextCursor: z.string().nullable().describe('pass as cursor for the next page; null on the last page'),
  })
  .meta({ id: 'PastPredictions' });

import { z } from 'zod';
import type { BatchView } from '../batch-view';
import type { ExpectationKind } from '../types';

/** The file's header, resolved once per validation. */
export interface Header {
  names: readonly string[];
  /** The position of a column, -1 when the file lacks it. */
  index(name: string): number;
}

/** Judges rows: calls `unexpected` for each bad row of the batch; returns how many rows it skipped as missing. */
export interface MapCheck {
  kind: 'map';
  check(view: BatchView, unexpected: (row: number) => void): number;
  /** The value a result shows for an unexpected row (asked for the first few only). */
  value(view: BatchView, row: number): unknown;
}

/** Judges one value computed over every batch (a mean, a share of unique values, ...). */
export interface AggregateCheck {
  kind: 'aggregate';
  observe(view: BatchView): void;
  judge(): Judgement;
}

/** Judges the table's shape: its columns and its row count. */
export interface TableCheck {
  kind: 'table';
  judge(facts: { header: Header; rowCount: number }): Judgement;
}

export interface Judgement {
  success: boolean;
  observed_value: unknown;
  details?: Record<string, unknown>;
  element_count?: number;
  missing_count?: number;
}

export type Check = MapCheck | AggregateCheck | TableCheck;

/**
 * One expectation type: its Great Expectations name, its arguments (a zod schema, so a suite file
 * with a wrong argument fails with the expectation and argument named), the reason written beside
 * a row it rejects, and the check itself, created per validation with the file's header.
 */
export interface ExpectationDefinition<K = Record<string, unknown>> {
  type: string;
  kind: ExpectationKind;
  kwargs: z.ZodType<K>;
  /** Columns the check reads; a missing one makes the expectation fail without running. */
  columns(kwargs: K): string[];
  reason(kwargs: K): string;
  create(kwargs: K, header: Header): Check;
}

export const column = z.string().min(1);
export const columnList = z.array(column).min(2);
/** GE's tolerance: the share of non-missing values that must meet the expectation. */
export const mostly = z.number().min(0).max(1).default(1);
export const ignoreRowIf = z.enum(['all_values_are_missing', 'any_value_is_missing', 'never']);

export const show = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

/** `between 10 and 5100`, `at least 1`, `at most 64`, with GE's strict bounds. */
export function rangeText(min: unknown, max: unknown, strictMin = false, strictMax = false): string {
  const low = min === null || min === undefined ? null : `${strictMin ? 'above' : 'at least'} ${String(min)}`;
  const high = max === null || max === undefined ? null : `${strictMax ? 'below' : 'at most'} ${String(max)}`;
  if (low && high && !strictMin && !strictMax) return `between ${String(min)} and ${String(max)}`;
  return [low, high].filter(Boolean).join(' and ') || 'any value';
}

export function inRange(
  value: number,
  min: number,
  max: number,
  strictMin: boolean,
  strictMax: boolean,
): boolean {
  return (strictMin ? value > min : value >= min) && (strictMax ? value < max : value <= max);
}

export function defineExpectation<K>(definition: ExpectationDefinition<K>): ExpectationDefinition<K> {
  return definition;
}

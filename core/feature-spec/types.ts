/**
 * The shape of a feature spec: one description of every input column, from which the API's
 * request schema, the default expectation suite, the web form, the CSV template and the drift
 * features are all derived. Nothing else in the code base lists the columns.
 */

interface ColumnBase {
  name: string;
  label: string;
  description: string;
  required: boolean;
}

export interface CategoryColumn extends ColumnBase {
  kind: 'category';
  values: readonly string[];
  /** Human names for the values, shown by the web app's pickers. */
  valueLabels?: Readonly<Record<string, string>>;
}

export interface NumberColumn extends ColumnBase {
  kind: 'number';
  integer: boolean;
  min: number;
  max: number;
  unit?: string;
}

/** A local date-time without time zone, written `YYYY-MM-DD HH:mm` (strftime `%Y-%m-%d %H:%M`). */
export interface DateTimeColumn extends ColumnBase {
  kind: 'datetime';
  min: string;
  max: string;
}

export type FeatureColumn = CategoryColumn | NumberColumn | DateTimeColumn;

/** A rule over several columns of one row, checked by the API schema and the expectation suite. */
export type RowRule = { kind: 'columns-differ'; columns: readonly [string, string]; message: string };

export interface DatasetSpec {
  id: string;
  title: string;
  description: string;
  /** An optional pass-through identifier: carried with each row, never a model input. */
  idColumn?: { name: string; label: string; description: string };
  /** Model inputs, in the order they appear in files. */
  features: readonly FeatureColumn[];
  /** What the model predicts; present in training data, removed from files meant for inference. */
  label: NumberColumn;
  /** The datetime feature that orders rows in time: file splits and time windows follow it. */
  timeColumn: string;
  rowRules: readonly RowRule[];
  /** Where `contrail data prepare` reads the full data set from. */
  source: { npmPackage: string; file: string };
  /** A typical valid row (without the label): the form's starting values and the CSV template's first line. */
  exampleRow: Readonly<Record<string, string | number>>;
  /** The default training and validation windows (inclusive start, exclusive end). */
  windows: { train: { from: string; to: string }; validate: { from: string; to: string } };
}

export const DATETIME_FORMAT = 'YYYY-MM-DD HH:mm';
export const DATETIME_STRFTIME = '%Y-%m-%d %H:%M';

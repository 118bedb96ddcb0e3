import { activeSpec, type FeatureColumn, rowFromCsvRecord, rowSchema } from '../../../core/feature-spec';

const schema = rowSchema(activeSpec);

/** What the form holds: the text of every input, keyed by column name. */
export type FormValues = Record<string, string>;

export interface FormCheck {
  /** The row as the API will receive it. */
  row: Record<string, string | number>;
  /** The first problem of each field, as the spec's row schema words it (the API words it the same). */
  fieldErrors: Record<string, string>;
  /** Problems of the row as a whole. */
  rowErrors: string[];
}

/** `<input type="datetime-local">` speaks `YYYY-MM-DDTHH:mm`; the spec writes a space. */
export const toInputDateTime = (text: string) => text.replace(' ', 'T');
const fromInputDateTime = (text: string) => text.replace('T', ' ');

export function initialValues(): FormValues {
  const values: FormValues = {};
  const id = activeSpec.idColumn?.name;
  if (id) values[id] = String(activeSpec.exampleRow[id] ?? '');
  for (const column of activeSpec.features)
    values[column.name] = String(activeSpec.exampleRow[column.name] ?? '');
  return values;
}

export function checkForm(values: FormValues): FormCheck {
  const record: FormValues = { ...values };
  for (const column of activeSpec.features) {
    if (column.kind === 'datetime' && record[column.name])
      record[column.name] = fromInputDateTime(record[column.name]!);
  }
  const row = rowFromCsvRecord(activeSpec, record);
  const fieldErrors: Record<string, string> = {};
  const rowErrors: string[] = [];
  const result = schema.safeParse(row);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      if (field === undefined) rowErrors.push(issue.message);
      else fieldErrors[String(field)] ??= missingOr(String(field), issue.message, row);
    }
  }
  return { row, fieldErrors, rowErrors };
}

/** zod words an absent value as a type error ("expected a number…"); a person left it empty. */
function missingOr(field: string, message: string, row: Record<string, unknown>): string {
  return row[field] === undefined ? 'required' : message;
}

export const columnHint = (column: FeatureColumn): string => {
  switch (column.kind) {
    case 'number':
      return `${column.integer ? 'A whole number' : 'A number'} from ${column.min} to ${column.max}${column.unit ? ` ${column.unit}` : ''}.`;
    case 'datetime':
      return `Local time, between ${column.min} and ${column.max}.`;
    case 'category':
      return column.valueLabels
        ? 'Type a code or a name to search.'
        : `One of ${column.values.length} values.`;
  }
};

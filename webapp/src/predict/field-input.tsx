import type { FeatureColumn } from '../../../core/feature-spec';
import { CategoryPicker } from '../components/category-picker';
import { columnHint, toInputDateTime } from './form-row';

interface Props {
  column: FeatureColumn;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/** One input of the form, with the control its column's kind calls for, its hint and its message. */
export function FieldInput({ column, value, error, onChange, onBlur }: Props) {
  const id = `field-${column.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = error ? `${errorId} ${hintId}` : hintId;
  const common = { id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, onBlur };
  let control;
  switch (column.kind) {
    case 'category':
      control =
        column.valueLabels || column.values.length > 12 ? (
          <CategoryPicker
            id={id}
            value={value}
            values={column.values}
            labels={column.valueLabels}
            invalid={Boolean(error)}
            describedBy={describedBy}
            onChange={onChange}
            onBlur={onBlur}
          />
        ) : (
          <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">Choose…</option>
            {column.values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        );
      break;
    case 'number':
      control = (
        <span className="with-unit">
          <input
            {...common}
            type="number"
            inputMode={column.integer ? 'numeric' : 'decimal'}
            min={column.min}
            max={column.max}
            step={column.integer ? 1 : 'any'}
            value={value}
            onChange={(e) => onChange(e.target.value)}
          />
          {column.unit ? <span className="unit">{column.unit}</span> : null}
        </span>
      );
      break;
    case 'datetime':
      control = (
        <input
          {...common}
          type="datetime-local"
          min={toInputDateTime(column.min)}
          max={toInputDateTime(column.max)}
          step={60}
          value={toInputDateTime(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
  }
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {column.label}
        {column.required ? null : <span className="optional"> (optional)</span>}
      </label>
      {control}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
      <p id={hintId} className="field-hint">
        {columnHint(column)}
      </p>
    </div>
  );
}

import { type FormEvent, useMemo, useState } from 'react';
import { activeSpec } from '../../../core/feature-spec';
import { checkForm, initialValues, type FormValues } from './form-row';
import { FieldInput } from './field-input';

interface Props {
  busy: boolean;
  onPredict: (row: Record<string, string | number>) => void;
}

/**
 * The one-flight form, generated from the feature spec. It checks the row with the same schema as
 * the API on every change, shows a field's message once the field was left (or on submit), and
 * sends nothing while any check fails.
 */
export function SingleForm({ busy, onPredict }: Props) {
  const [values, setValues] = useState<FormValues>(initialValues);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const check = useMemo(() => checkForm(values), [values]);
  const shown = (name: string) => (submitted || touched[name] ? check.fieldErrors[name] : undefined);
  const set = (name: string) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const leave = (name: string) => () => setTouched((t) => ({ ...t, [name]: true }));
  const idColumn = activeSpec.idColumn;
  const problems = Object.keys(check.fieldErrors).length + check.rowErrors.length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const firstInvalid = activeSpec.features.find((c) => check.fieldErrors[c.name]);
    if (firstInvalid) return document.getElementById(`field-${firstInvalid.name}`)?.focus();
    if (problems > 0) return;
    onPredict(check.row);
  };

  return (
    <form className="predict-form" noValidate onSubmit={submit} aria-label="One flight">
      <div className="form-grid">
        {activeSpec.features.map((column) => (
          <FieldInput
            key={column.name}
            column={column}
            value={values[column.name] ?? ''}
            error={shown(column.name)}
            onChange={set(column.name)}
            onBlur={leave(column.name)}
          />
        ))}
        {idColumn ? (
          <div className="field">
            <label htmlFor={`field-${idColumn.name}`}>
              {idColumn.label} <span className="optional">(optional)</span>
            </label>
            <input
              id={`field-${idColumn.name}`}
              type="text"
              maxLength={64}
              value={values[idColumn.name] ?? ''}
              onChange={(e) => set(idColumn.name)(e.target.value)}
              aria-describedby={`field-${idColumn.name}-hint`}
            />
            <p id={`field-${idColumn.name}-hint`} className="field-hint">
              {idColumn.description}
            </p>
          </div>
        ) : null}
      </div>
      {submitted && problems > 0 ? (
        <p className="form-summary" role="alert">
          {problems === 1 ? 'One field needs' : `${problems} fields need`} attention before predicting
          {check.rowErrors.length > 0 ? `: ${check.rowErrors.join('; ')}` : ''}.
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Predicting…' : 'Predict'}
      </button>
    </form>
  );
}

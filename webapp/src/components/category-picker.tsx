import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { matchOptions } from './match-options';

interface Props {
  id: string;
  value: string;
  values: readonly string[];
  labels: Readonly<Record<string, string>> | undefined;
  invalid: boolean;
  describedBy: string;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/**
 * A searchable picker (the ARIA 1.2 combobox pattern): type a code or part of a name, move with
 * the arrow keys, Enter or a click picks, Escape closes. What is typed stays the value until a
 * code is picked, so an unknown code gets the same message the API would give.
 */
export function CategoryPicker({ id, value, values, labels, invalid, describedBy, onChange, onBlur }: Props) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => matchOptions(value, values, labels, 50), [value, values, labels]);
  const shown = open ? matches : [];

  const pick = (code: string) => {
    onChange(code);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (shown.length === 0 ? 0 : (a + step + shown.length) % shown.length));
    } else if (event.key === 'Enter' && open && shown[active]) {
      event.preventDefault();
      pick(shown[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };
  const commit = () => {
    setOpen(false);
    const exact = values.find((v) => v.toLowerCase() === value.trim().toLowerCase());
    if (exact && exact !== value) onChange(exact);
    onBlur();
  };

  return (
    <div className="picker">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={shown[active] ? `${listId}-${shown[active]}` : undefined}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        value={value}
        onChange={(event) => {
          onChange(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(false)}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
      <ul id={listId} role="listbox" className="picker-list" hidden={shown.length === 0}>
        {shown.map((code, i) => (
          <li
            key={code}
            id={`${listId}-${code}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(code)}
          >
            <strong>{code}</strong> {labels?.[code] ?? ''}
          </li>
        ))}
      </ul>
      <p className="picker-label" aria-live="polite">
        {labels?.[value] ?? ''}
      </p>
    </div>
  );
}

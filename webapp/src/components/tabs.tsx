import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

interface Props<T extends string> {
  label: string;
  value: T;
  tabs: { value: T; label: string }[];
  onChange: (value: T) => void;
  children: ReactNode;
}

/** Tabs as the ARIA pattern has them: one tab stop, arrow keys move between tabs. */
export function Tabs<T extends string>({ label, value, tabs, onChange, children }: Props<T>) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const index = tabs.findIndex((t) => t.value === value);
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    onChange(next.value);
    requestAnimationFrame(() =>
      list.current?.querySelector<HTMLElement>(`[data-tab="${next.value}"]`)?.focus(),
    );
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.value}
            type="button"
            role="tab"
            id={`${id}-${tab.value}`}
            data-tab={tab.value}
            aria-selected={tab.value === value}
            aria-controls={`${id}-panel`}
            tabIndex={tab.value === value ? 0 : -1}
            onClick={() => onChange(tab.value)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${value}`} className="tab-panel">
        {children}
      </div>
    </div>
  );
}

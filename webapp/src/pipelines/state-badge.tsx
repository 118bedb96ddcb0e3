import { STATE_LABELS, STATE_ORDER, stateClass } from './states';

export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`state-badge ${stateClass(state)}`}>
      {STATE_LABELS[state as keyof typeof STATE_LABELS] ?? state}
    </span>
  );
}

export function StateLegend() {
  return (
    <ul className="legend" aria-label="Colours of the states">
      {STATE_ORDER.map((state) => (
        <li key={state}>
          <span className={`cell ${stateClass(state)}`} aria-hidden="true" /> {STATE_LABELS[state]}
        </li>
      ))}
      <li>
        <span className="cell state-none" aria-hidden="true" /> not run
      </li>
    </ul>
  );
}

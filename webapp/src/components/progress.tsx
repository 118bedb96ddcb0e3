/** A labelled progress bar that screen readers announce. */
export function Progress({ label, value, detail }: { label: string; value: number; detail?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress" role="status" aria-live="polite">
      <div className="progress-text">
        <span>{label}</span>
        <span>
          {percent}%{detail ? ` · ${detail}` : ''}
        </span>
      </div>
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>
    </div>
  );
}

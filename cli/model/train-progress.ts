import type { TrainEvent } from '../../core/model';

const BAR_WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = Math.round((BAR_WIDTH * done) / Math.max(1, total));
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/**
 * The live display of a training run: one line redrawn in place on a terminal; on a pipe or a
 * log file, a line per phase and every tenth of the trees, so logs stay readable.
 */
export function trainProgress(stream: NodeJS.WriteStream = process.stderr): {
  onEvent: (event: TrainEvent) => void;
  done: () => void;
} {
  const started = performance.now();
  const live = stream.isTTY === true;
  let boostStarted = 0;
  let lastPhase = '';
  let lastTenth = -1;
  const show = (line: string, phase: string) => {
    if (live) stream.write(`\r\x1b[2K  ${line}`);
    else if (phase !== lastPhase) stream.write(`  ${line}\n`);
    lastPhase = phase;
  };
  const onEvent = (event: TrainEvent) => {
    const elapsed = performance.now() - started;
    switch (event.phase) {
      case 'loading':
        return show(
          `loading   ${event.rowsRead.toLocaleString()} rows read (${seconds(elapsed)})`,
          'loading',
        );
      case 'binning':
        boostStarted = performance.now();
        return show(
          `binning   ${event.trainRows.toLocaleString()} training rows, ${event.validationRows.toLocaleString()} validation rows`,
          'binning',
        );
      case 'boosting': {
        const perTree = (performance.now() - boostStarted) / event.tree;
        const left = perTree * (event.trees - event.tree);
        const valid =
          event.validMae === undefined ? '' : `  validation MAE ${event.validMae.toFixed(2)} (sample)`;
        const line =
          `training  ${bar(event.tree, event.trees)} ${event.tree}/${event.trees} trees` +
          `  train MAE ${event.trainMae.toFixed(2)}${valid}  ${seconds(elapsed)}, about ${seconds(left)} left`;
        const tenth = Math.floor((10 * event.tree) / event.trees);
        if (live) show(line, 'boosting');
        else if (tenth !== lastTenth) stream.write(`  ${line}\n`);
        lastTenth = tenth;
        return;
      }
      case 'evaluating':
        return show(`scoring   the model and the baselines (${seconds(elapsed)})`, 'evaluating');
    }
  };
  return { onEvent, done: () => live && stream.write('\r\x1b[2K') };
}

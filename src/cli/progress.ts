// A progress bar on stderr while a long command runs, shown only when stderr is a terminal.
import cliProgress from 'cli-progress';

export interface Progress {
  phase(label: string, total: number, unit: 'bytes' | 'leads'): void;
  update(done: number): void;
  stop(): void;
}

const SILENT: Progress = { phase: () => {}, update: () => {}, stop: () => {} };

export function createProgress(enabled = process.stderr.isTTY === true): Progress {
  if (!enabled) return SILENT;
  let bar: cliProgress.SingleBar | undefined;
  let unit: 'bytes' | 'leads' = 'leads';
  let started = Date.now();
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    phase(label, total, phaseUnit) {
      stop();
      unit = phaseUnit;
      bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: `${label.padEnd(8)} [{bar}] {percentage}% | {amount} | {remaining}`,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      started = Date.now();
      bar.start(total, 0, { amount: describe(0, total, unit), remaining: '' });
    },
    update(done) {
      if (!bar) return;
      bar.update(done, {
        amount: describe(done, bar.getTotal(), unit),
        remaining: remaining(started, done, bar.getTotal()),
      });
    },
    stop,
  };
}

/** Time left at the rate so far; nothing until there is a rate to go by. */
function remaining(started: number, done: number, total: number): string {
  const elapsed = (Date.now() - started) / 1000;
  if (done <= 0 || elapsed < 1) return '';
  const seconds = Math.round((elapsed / done) * (total - done));
  return seconds >= 60
    ? `${Math.floor(seconds / 60)} min ${seconds % 60} s left`
    : `${seconds} s left`;
}

function describe(done: number, total: number, unit: 'bytes' | 'leads'): string {
  if (unit === 'bytes') return `${(done / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB`;
  return `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} leads`;
}

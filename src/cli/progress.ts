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
          format: `${label.padEnd(8)} [{bar}] {percentage}% | {amount} | ETA {eta_formatted}`,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0, { amount: describe(0, total, unit) });
    },
    update(done) {
      bar?.update(done, { amount: describe(done, bar.getTotal(), unit) });
    },
    stop,
  };
}

function describe(done: number, total: number, unit: 'bytes' | 'leads'): string {
  if (unit === 'bytes') return `${(done / 1e6).toFixed(0)}/${(total / 1e6).toFixed(0)} MB`;
  return `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} leads`;
}

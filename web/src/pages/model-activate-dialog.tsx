// Confirming an activation: the version's last what-if (leads moving between segments, ranking
// quality before and after), kept with the version, with a button to run it when there is none,
// then one call to activate. The backtest does not report hand-overs, segment actions or
// webhooks yet, so the dialog says so instead of showing them.
import type { ModelVersion } from '../api/types';
import { ErrorNote, Loading } from '../components/status';
import { formatTime } from '../lib/format';
import { useApi } from '../lib/use-api';
import { WhatIf } from './model-what-if';

interface Props {
  version: number;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ActivateDialog({ version, onConfirm, onCancel }: Props) {
  const model = useApi<ModelVersion>(`/v1/models/${version}`);
  const last = model.data?.lastWhatIf ?? null;
  return (
    <div
      className="card"
      role="dialog"
      aria-modal="true"
      aria-labelledby="activate-h"
      data-testid="activate-dialog"
    >
      <h2 id="activate-h">Activate v{version}?</h2>
      <p>
        Every lead is rescored with v{version}; leads that change segment run its segment actions
        and webhooks. Read what it would change first.
      </p>
      {model.error ? (
        <ErrorNote error={model.error} onRetry={model.reload} />
      ) : !model.data ? (
        <Loading label="Loading the version…" />
      ) : (
        <>
          <p className="muted" data-testid="last-what-if">
            {last
              ? `Last what-if: ${formatTime(last.at)}.`
              : 'No what-if has been run for this version yet: run it below.'}
          </p>
          <WhatIf version={version} kept={last} onRan={model.reload} />
        </>
      )}
      <div className="form-row">
        <button type="button" className="button primary" onClick={onConfirm}>
          Confirm activation of v{version}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

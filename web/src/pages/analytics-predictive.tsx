// The predictive model report: trained models with their metrics (activate one to score leads
// with it), training a new one, and a report's ROC, lift, calibration and top-feature charts.
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { PredictiveModels, TrainingReport } from '../api/types';
import { CalibrationChart, FeaturesChart, LiftChart, RocChart } from '../charts/predictive-charts';
import { ConfirmButton } from '../components/confirm-button';
import { LoadedList } from '../components/loaded-list';
import { ReadinessBadge } from '../components/readiness-badge';
import { RowActions } from '../components/row-actions';
import { SmallButton } from '../components/small-button';
import { Stat } from '../components/stat';
import { Empty, ErrorNote, Loading } from '../components/status';
import { ACTIONS, num, Table } from '../components/table';
import { formatTime } from '../lib/format';
import { metricsOf, trainingReport } from '../lib/training-report';
import { can } from '../lib/access';
import { useAccess } from '../lib/use-access';
import { useApi } from '../lib/use-api';
import { useApiAction } from '../lib/use-api-action';
import { useJobRunner } from '../lib/use-job-runner';
import { DriftCard, RetrainingCard } from './predictive-health';

const METRICS: [keyof NonNullable<TrainingReport['metrics']>, string][] = [
  ['auc', 'ROC AUC'],
  ['prAuc', 'PR AUC'],
  ['logLoss', 'Log loss'],
  ['brier', 'Brier'],
  ['liftTop10', 'Lift top 10%'],
];

function Report({ report }: { report: TrainingReport }) {
  const { metrics, readiness, crossValidation: cv } = report;
  const charts = [
    report.roc ? <RocChart key="roc" roc={report.roc} /> : null,
    report.lift ? <LiftChart key="lift" lift={report.lift} /> : null,
    report.calibration ? <CalibrationChart key="cal" calibration={report.calibration} /> : null,
    report.topFeatures ? <FeaturesChart key="feat" features={report.topFeatures} /> : null,
  ].filter(Boolean);
  return (
    <div className="stack" data-testid="predictive-report">
      <h3>
        Report of v{report.version ?? '?'} {readiness && <ReadinessBadge readiness={readiness} />}
      </h3>
      {readiness && (
        <p
          className={readiness.grade === 'poor' ? 'error' : 'muted'}
          data-testid="readiness-reason"
        >
          Readiness {readiness.grade}: {readiness.reason}.
          {readiness.grade === 'poor' &&
            ' Its probabilities are shown beside scores only if you activate it anyway.'}
        </p>
      )}
      {cv && (
        <p className="muted">
          Too few leads for a held-out split: figures are {cv.folds}-fold cross-validated over all{' '}
          {cv.rows} leads with a known outcome, and the probabilities calibrated on them.
        </p>
      )}
      {metrics && (
        <div className="stats">
          {METRICS.filter(([k]) => typeof metrics[k] === 'number').map(([k, label]) => (
            <Stat
              key={k}
              label={k === 'auc' && cv ? `${label} (± sd over folds)` : label}
              value={
                k === 'auc' && cv
                  ? `${metrics[k]!.toFixed(3)} ± ${cv.sd.toFixed(3)}`
                  : metrics[k]!.toFixed(3)
              }
            />
          ))}
        </div>
      )}
      {charts.length ? (
        <div className="grid grid-2">{charts}</div>
      ) : (
        <Empty>This report has no curves to draw.</Empty>
      )}
      {report.calibration && !report.roc && (
        <p className="muted">
          No ROC or lift curve: this version was trained before they were stored with it.
        </p>
      )}
    </div>
  );
}

export function PredictivePanel() {
  const models = useApi<PredictiveModels>('/v1/predictive/models');
  const runner = useJobRunner<unknown>('/v1/predictive/train');
  const [shown, setShown] = useState<number | null>(null);
  const detail = useApi<unknown>(shown === null ? null : `/v1/predictive/models/${shown}`);
  const unavailable =
    runner.missing || (models.error instanceof ApiError && models.error.status === 404);
  const trained = runner.result ? trainingReport(runner.result) : null;
  const reload = models.reload;
  const { error, run } = useApiAction(reload);
  const mayTrain = can(useAccess().workspace, 'predictive.write');

  useEffect(() => {
    if (trained?.version !== undefined) reload();
  }, [trained?.version, reload]);

  const report = shown !== null && detail.data ? trainingReport(detail.data) : trained;

  return (
    <section className="card" aria-labelledby="predictive-h">
      <div className="page-header" style={{ marginBottom: '0.5rem' }}>
        <h2 id="predictive-h">Predictive model</h2>
        {!unavailable && mayTrain && (
          <div className="actions">
            {(['lr', 'gbdt'] as const).map((kind) => (
              <button
                key={kind}
                type="button"
                className="button"
                disabled={runner.running}
                onClick={() => {
                  setShown(null);
                  void runner.start({ kind });
                }}
              >
                Train {kind === 'lr' ? 'logistic regression' : 'gradient-boosted trees'}
              </button>
            ))}
          </div>
        )}
      </div>
      {unavailable ? (
        <Empty>
          This server has no predictive models (the /v1/predictive routes are not available).
        </Empty>
      ) : (
        <>
          {error && <ErrorNote error={new Error(error)} />}
          <LoadedList
            resource={models}
            empty="No predictive model trained yet: train one on the leads with known outcomes."
          >
            {(data) => (
              <Table
                testId="predictive-models"
                caption="Trained models"
                columns={['Version', 'Kind', 'Trained', num('AUC'), 'Readiness', ACTIONS]}
              >
                {[...data.items].reverse().map((m) => {
                  const active = data.active === m.version;
                  return (
                    <tr key={m.version}>
                      <td>
                        v{m.version} {active && <span className="badge ok">active</span>}
                      </td>
                      <td>{m.kind}</td>
                      <td>{formatTime(m.createdAt)}</td>
                      <td className="num">{metricsOf(m.metrics)?.auc?.toFixed(3) ?? '—'}</td>
                      <td>
                        <ReadinessBadge readiness={m.readiness} />
                      </td>
                      <RowActions>
                        <SmallButton onClick={() => setShown(m.version)}>Report</SmallButton>
                        {mayTrain && !active && m.readiness.grade === 'poor' ? (
                          <ConfirmButton
                            label={`Activate v${m.version} anyway`}
                            question={`v${m.version} is graded poor: ${m.readiness.reason}. Show its probabilities beside every lead's score anyway?`}
                            onConfirm={() =>
                              void run(`/v1/predictive/models/${m.version}/activate`, {
                                method: 'POST',
                                json: { override: true },
                              })
                            }
                          >
                            Activate anyway
                          </ConfirmButton>
                        ) : (
                          mayTrain && (
                            <SmallButton
                              onClick={() =>
                                void run(
                                  active
                                    ? '/v1/predictive/deactivate'
                                    : `/v1/predictive/models/${m.version}/activate`,
                                  { method: 'POST' },
                                )
                              }
                            >
                              {active ? 'Deactivate' : 'Activate'}
                            </SmallButton>
                          )
                        )}
                      </RowActions>
                    </tr>
                  );
                })}
              </Table>
            )}
          </LoadedList>
          {runner.error && <ErrorNote error={new Error(runner.error)} />}
          {runner.running && <Loading label="Training…" />}
          {shown !== null && detail.error && (
            <ErrorNote error={detail.error} onRetry={detail.reload} />
          )}
          {shown !== null && detail.loading && <Loading label="Loading the report…" />}
          {report && <Report report={report} />}
          <h3>Drift since training</h3>
          <DriftCard active={models.data?.active ?? null} />
          <h3>Scheduled retraining</h3>
          <RetrainingCard />
        </>
      )}
    </section>
  );
}

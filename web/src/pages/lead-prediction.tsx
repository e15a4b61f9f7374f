// The active predictive model's view of a lead: its conversion probability and band, and what
// pushes it up or down.
import type { Prediction } from '../api/types';
import { formatContribution, formatRate } from '../lib/format';

function Factors({ title, factors }: { title: string; factors: Prediction['up'] }) {
  if (factors.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <ul className="factors">
        {factors.map((f) => (
          <li key={f.label}>
            <span title={f.label}>{f.text}</span>
            <span className={f.contribution >= 0 ? 'up' : 'down'} title="In log-odds">
              {formatContribution(f.contribution)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function LeadPrediction({ prediction }: { prediction: Prediction }) {
  return (
    <section className="card" aria-labelledby="prediction-h" data-testid="prediction">
      <h2 id="prediction-h">Predicted conversion</h2>
      <div className="stats">
        <div className="stat">
          <div className="value">{formatRate(prediction.probability)}</div>
          <div className="label">Probability</div>
        </div>
        {prediction.band && (
          <div className="stat">
            <div className="value">{prediction.band}</div>
            <div className="label">Band</div>
          </div>
        )}
        <div className="stat">
          <div className="value">v{prediction.version}</div>
          <div className="label">{prediction.kind} model</div>
        </div>
      </div>
      <div className="grid grid-2" style={{ marginTop: '0.75rem' }}>
        <Factors title="Pushing it up" factors={prediction.up} />
        <Factors title="Holding it back" factors={prediction.down} />
      </div>
    </section>
  );
}

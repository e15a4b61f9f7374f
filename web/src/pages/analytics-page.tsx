// Analytics: score distribution, funnel, hand-over, conversion analysis and the predictive
// model report; every figure is aggregated by the server.
import type { Distribution, Funnel, HandoverReport } from '../api/types';
import { PageHeader } from '../components/page-header';
import { useApi } from '../lib/use-api';
import { ConversionPanel } from './analytics-conversion';
import { PredictivePanel } from './analytics-predictive';
import { DistributionPanel, FunnelPanel, HandoverPanel } from './analytics-scores';

export function AnalyticsPage() {
  const distribution = useApi<Distribution>('/v1/reports/distribution?bins=30');
  const funnel = useApi<Funnel>('/v1/reports/funnel');
  const handover = useApi<HandoverReport>('/v1/reports/handover');
  return (
    <section className="page">
      <PageHeader title="Analytics">
        Where the leads stand, how they convert, and what predicts it.
      </PageHeader>
      <DistributionPanel resource={distribution} />
      <FunnelPanel resource={funnel} />
      <HandoverPanel resource={handover} />
      <ConversionPanel />
      <PredictivePanel />
    </section>
  );
}

// Automation: webhook subscriptions, each one's delivery log, and the transitions feed.
import { useState } from 'react';
import type { Webhook } from '../api/types';
import { PageHeader } from '../components/page-header';
import { useApi } from '../lib/use-api';
import { DeliveriesPanel } from './automation-deliveries';
import { TransitionsPanel } from './automation-transitions';
import { WebhooksPanel } from './automation-webhooks';

export function AutomationPage() {
  const webhooks = useApi<{ items: Webhook[] }>('/v1/webhooks');
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? webhooks.data?.items[0]?.id ?? null;
  return (
    <section className="page">
      <PageHeader title="Automation">
        Tell other systems when leads change, and see what was sent.
      </PageHeader>
      <WebhooksPanel webhooks={webhooks} selected={selected} onSelect={setChosen} />
      {selected && <DeliveriesPanel key={selected} webhookId={selected} />}
      <TransitionsPanel />
    </section>
  );
}

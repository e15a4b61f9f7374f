// Automation: webhook subscriptions and channels (e-mail, Slack, CDP, CRM), each one's delivery
// log, and the transitions feed.
import { useState } from 'react';
import type { Channel, Webhook } from '../api/types';
import { PageHeader } from '../components/page-header';
import { useApi } from '../lib/use-api';
import { ChannelsPanel } from './automation-channels';
import { DeliveriesPanel } from './automation-deliveries';
import { DigestSettingsPanel } from './automation-digest';
import { TransitionsPanel } from './automation-transitions';
import { WebhooksPanel } from './automation-webhooks';

type Tab = 'webhooks' | 'channels';
const TABS: { id: Tab; label: string }[] = [
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'channels', label: 'Channels' },
];

function WebhooksTab() {
  const webhooks = useApi<{ items: Webhook[] }>('/v1/webhooks');
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? webhooks.data?.items[0]?.id ?? null;
  return (
    <>
      <WebhooksPanel webhooks={webhooks} selected={selected} onSelect={setChosen} />
      {selected && (
        <DeliveriesPanel key={selected} base={`/v1/webhooks/${encodeURIComponent(selected)}`} />
      )}
    </>
  );
}

function ChannelsTab() {
  const channels = useApi<{ items: Channel[] }>('/v1/channels');
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? channels.data?.items[0]?.id ?? null;
  return (
    <>
      <ChannelsPanel channels={channels} selected={selected} onSelect={setChosen} />
      {selected && (
        <DeliveriesPanel key={selected} base={`/v1/channels/${encodeURIComponent(selected)}`} />
      )}
      <DigestSettingsPanel />
    </>
  );
}

export function AutomationPage() {
  const [tab, setTab] = useState<Tab>('webhooks');
  return (
    <section className="page">
      <PageHeader title="Automation">
        Tell other systems and people when leads change, and see what was sent.
      </PageHeader>
      <div className="tabs" role="tablist" aria-label="Automation">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'webhooks' ? <WebhooksTab /> : <ChannelsTab />}
      <TransitionsPanel />
    </section>
  );
}

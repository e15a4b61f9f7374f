// Settings: workspace keys, and how to send events here with the Segment SDKs.
import { useState } from 'react';
import { Field } from '../components/field';
import { PageHeader } from '../components/page-header';
import { SettingsTabs } from '../components/settings-tabs';
import { snippets } from '../lib/snippets';
import { KeysPanel } from './settings-keys';

export function SettingsPage() {
  const [writeKey, setWriteKey] = useState('');
  const [copied, setCopied] = useState<string>();
  const origin = window.location.origin;

  const copy = async (id: string, code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(id);
    } catch {
      setCopied(undefined);
    }
  };

  return (
    <section className="page">
      <PageHeader title="Settings">
        Keys for this workspace, and how to send events to it.
      </PageHeader>
      <SettingsTabs />
      <KeysPanel onCreated={(key) => key.kind === 'write' && setWriteKey(key.key)} />
      <section className="card" aria-labelledby="send-h">
        <h2 id="send-h">Send events</h2>
        <p className="hint">
          Any Segment library works: point it at <code>{origin}</code> with a write key. Paste one
          below, or create a write key above, to fill in the snippets.
        </p>
        <div className="form-row">
          <Field id="snippet-key" label="Write key" size="grow">
            <input
              id="snippet-key"
              value={writeKey}
              placeholder="paste a write key"
              autoComplete="off"
              onChange={(e) => setWriteKey(e.target.value)}
            />
          </Field>
        </div>
        {snippets({ origin, writeKey }).map((s) => (
          <div key={s.id} style={{ marginBottom: '1rem' }}>
            <div className="page-header" style={{ marginBottom: '0.4rem', alignItems: 'center' }}>
              <h3 style={{ margin: 0 }}>{s.title}</h3>
              <button
                type="button"
                className="button small"
                onClick={() => void copy(s.id, s.code)}
              >
                {copied === s.id ? 'Copied' : 'Copy'}
              </button>
            </div>
            <pre className="snippet" data-testid={`snippet-${s.id}`}>
              <code>{s.code}</code>
            </pre>
            {s.note && <p className="hint">{s.note}</p>}
          </div>
        ))}
      </section>
    </section>
  );
}

// The daily digest's settings: the hour (or off) in a time zone, the e-mail and Slack channels it
// goes to, and how long a hand-over waits before it is listed as waiting; saved with PUT.
import { useEffect, useState, type FormEvent } from 'react';
import type { DigestSettingsView } from '../../../src/api/schemas/digest';
import { api } from '../api/client';
import { Field } from '../components/field';
import { Loaded } from '../components/loaded';
import { ErrorNote } from '../components/status';
import { can } from '../lib/access';
import type { Channel } from '../api/types';
import { useAccess } from '../lib/use-access';
import { useApi } from '../lib/use-api';
import { useApiAction } from '../lib/use-api-action';

/** What the panel reads of a channel (GET /v1/channels). */
type ChannelOption = Pick<Channel, 'id' | 'name' | 'kind'>;

const DIGEST_KINDS = ['email', 'slack'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** The browser's list of IANA zones, for suggestions (the server checks what is saved). */
const TIME_ZONES: string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

type Draft = Omit<DigestSettingsView, 'updatedAt'>;

export function DigestSettingsPanel() {
  const settings = useApi<DigestSettingsView>('/v1/digest');
  const channels = useApi<{ items: ChannelOption[] }>('/v1/channels');
  const [draft, setDraft] = useState<Draft>();
  const { error, busy, submit } = useApiAction(settings.reload);
  const mayChange = can(useAccess().workspace, 'automation.write');

  useEffect(() => {
    const saved = settings.data;
    if (saved)
      setDraft({
        channelIds: saved.channelIds,
        hour: saved.hour,
        timeZone: saved.timeZone,
        waitingHours: saved.waitingHours,
      });
  }, [settings.data]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    void submit(async () => {
      await api('/v1/digest', { method: 'PUT', json: draft });
    });
  };
  const change = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const usable = (channels.data?.items ?? []).filter((c) => DIGEST_KINDS.includes(c.kind));

  return (
    <section className="card" aria-labelledby="digest-h">
      <h2 id="digest-h">Daily digest</h2>
      <p className="sub">
        Each owner gets their new hand-overs, the leads that got hot and the hand-overs waiting for
        acceptance, once a day: by e-mail, or in a Slack channel.
      </p>
      {error && <ErrorNote error={new Error(error)} />}
      <Loaded resource={settings} label="Loading the digest settings">
        {(saved) =>
          draft && (
            <form onSubmit={save} aria-label="Daily digest settings">
              <fieldset disabled={!mayChange || busy} style={{ border: 'none', padding: 0 }}>
                <div className="form-row">
                  <Field id="digest-hour" label="Hour" size="narrow">
                    <select
                      id="digest-hour"
                      value={draft.hour === null ? 'off' : String(draft.hour)}
                      onChange={(e) =>
                        change({ hour: e.target.value === 'off' ? null : Number(e.target.value) })
                      }
                    >
                      <option value="off">Off</option>
                      {HOURS.map((h) => (
                        <option key={h} value={h}>
                          {String(h).padStart(2, '0')}:00
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field id="digest-zone" label="Time zone" size="grow">
                    <input
                      id="digest-zone"
                      list="digest-zones"
                      required
                      value={draft.timeZone}
                      onChange={(e) => change({ timeZone: e.target.value })}
                    />
                    <datalist id="digest-zones">
                      {TIME_ZONES.map((z) => (
                        <option key={z} value={z} />
                      ))}
                    </datalist>
                  </Field>
                  <Field id="digest-waiting" label="Waiting after (hours)" size="narrow">
                    <input
                      id="digest-waiting"
                      type="number"
                      min={1}
                      max={8760}
                      required
                      value={draft.waitingHours}
                      onChange={(e) => change({ waitingHours: Number(e.target.value) })}
                    />
                  </Field>
                </div>
                <fieldset className="form-row" style={{ border: 'none', padding: 0 }}>
                  <legend>Channels</legend>
                  {usable.length === 0 && (
                    <span className="sub">
                      No e-mail or Slack channel yet: add one under Channels.
                    </span>
                  )}
                  {usable.map((c) => (
                    <label key={c.id} className="inline">
                      <input
                        type="checkbox"
                        checked={draft.channelIds.includes(c.id)}
                        onChange={(e) =>
                          change({
                            channelIds: e.target.checked
                              ? [...draft.channelIds, c.id]
                              : draft.channelIds.filter((id) => id !== c.id),
                          })
                        }
                      />
                      {c.name} <span className="sub">({c.kind})</span>
                    </label>
                  ))}
                </fieldset>
                {mayChange && (
                  <button type="submit" className="button primary" disabled={busy}>
                    Save
                  </button>
                )}
                {saved.updatedAt === null && (
                  <span className="sub"> The defaults apply until the settings are saved.</span>
                )}
              </fieldset>
            </form>
          )
        }
      </Loaded>
    </section>
  );
}

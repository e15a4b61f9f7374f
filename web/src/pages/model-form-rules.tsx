// The engagement part of the model form: the half-life and each rule's event, points, cap and
// decay.
import { NumberInput, TextInput } from '../components/number-input';
import { conditionText } from '../lib/condition-text';
import { at, nameOf, records, type FormApi } from './model-form-api';

const RULES = ['engagement', 'rules'];

export function RulesForm({ form }: { form: FormApi }) {
  const engagement = at(form.model, 'engagement');
  const rules = records(at(engagement, 'rules'));
  return (
    <section className="card" aria-labelledby="rules-h">
      <h2 id="rules-h">Engagement rules</h2>
      <div className="form-row">
        <div className="field narrow" style={{ width: 160 }}>
          <label htmlFor="half-life">Half-life (days)</label>
          <NumberInput
            id="half-life"
            label="Engagement half-life in days"
            value={at(engagement, 'halfLifeDays')}
            error={form.problem(['engagement', 'halfLifeDays'])}
            placeholder="no decay"
            onCommit={(v) => form.set(['engagement', 'halfLifeDays'], v)}
          />
        </div>
      </div>
      <div className="table-wrap">
        <table className="table editor-table">
          <caption className="sr-only">Engagement rules</caption>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Event</th>
              <th scope="col">Points</th>
              <th scope="col">Cap</th>
              <th scope="col">Cap days</th>
              <th scope="col">Half-life</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule, i) => {
              const name = nameOf(rule, i);
              const path = [...RULES, i];
              const where = rule.where === undefined ? '' : conditionText(rule.where);
              return (
                <tr key={i} data-rule={name}>
                  <td>
                    <TextInput
                      label={`Rule ${name} id`}
                      value={rule.id}
                      error={form.problem([...path, 'id']) ?? form.problem(path)}
                      onCommit={(v) => form.set([...path, 'id'], v)}
                    />
                    <div className="sub">{String(rule.category ?? 'engagement')}</div>
                  </td>
                  <td>
                    <TextInput
                      label={`Rule ${name} event`}
                      value={rule.event}
                      error={form.problem([...path, 'event'])}
                      onCommit={(v) => form.set([...path, 'event'], v)}
                    />
                    {where && <div className="sub">where {where}</div>}
                  </td>
                  <td>
                    <NumberInput
                      label={`Rule ${name} points`}
                      value={rule.points}
                      error={form.problem([...path, 'points'])}
                      onCommit={(v) => form.set([...path, 'points'], v)}
                    />
                  </td>
                  <td>
                    <NumberInput
                      label={`Rule ${name} cap points`}
                      value={at(rule.cap, 'points')}
                      error={
                        form.problem([...path, 'cap', 'points']) ?? form.problem([...path, 'cap'])
                      }
                      placeholder="none"
                      onCommit={(v) => form.set([...path, 'cap', 'points'], v)}
                    />
                  </td>
                  <td>
                    <NumberInput
                      label={`Rule ${name} cap window in days`}
                      value={at(rule.cap, 'days')}
                      error={form.problem([...path, 'cap', 'days'])}
                      placeholder="lifetime"
                      onCommit={(v) => form.set([...path, 'cap', 'days'], v)}
                    />
                  </td>
                  <td>
                    <NumberInput
                      label={`Rule ${name} half-life in days`}
                      value={rule.halfLifeDays}
                      error={form.problem([...path, 'halfLifeDays'])}
                      placeholder="model"
                      onCommit={(v) => form.set([...path, 'halfLifeDays'], v)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button small danger"
                      aria-label={`Remove rule ${name}`}
                      onClick={() => form.remove(RULES, i)}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button small"
        style={{ marginTop: '0.5rem' }}
        onClick={() =>
          form.add(RULES, { id: `rule-${rules.length + 1}`, event: 'Event Name', points: 1 })
        }
      >
        + Add rule
      </button>
    </section>
  );
}

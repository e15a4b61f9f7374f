// The engagement part of the model form: the half-life and each rule's event, points, cap and
// decay.
import { AddButton } from '../components/add-button';
import { Field } from '../components/field';
import { NumberInput, TextInput } from '../components/number-input';
import { RemoveButton } from '../components/remove-button';
import { ACTIONS, Table } from '../components/table';
import { conditionText } from '../lib/condition-text';
import { bindField } from '../lib/field-binding';
import { at, isRecord, nameOf, records, type FormApi } from './model-form-api';

const RULES = ['engagement', 'rules'];
const COLUMNS = ['Id', 'Event', 'Points', 'Cap', 'Cap days', 'Half-life', ACTIONS];

export function RulesForm({ form }: { form: FormApi }) {
  const engagement = at(form.model, 'engagement');
  const rules = records(at(engagement, 'rules'));
  return (
    <section className="card" aria-labelledby="rules-h">
      <h2 id="rules-h">Engagement rules</h2>
      <div className="form-row">
        <Field id="half-life" label="Half-life (days)" size="narrow" style={{ width: 160 }}>
          <NumberInput
            id="half-life"
            label="Engagement half-life in days"
            placeholder="no decay"
            {...bindField(
              form,
              isRecord(engagement) ? engagement : {},
              ['engagement'],
              'halfLifeDays',
            )}
          />
        </Field>
      </div>
      <div className="table-wrap">
        <Table className="editor-table" caption="Engagement rules" columns={COLUMNS}>
          {rules.map((rule, i) => {
            const name = nameOf(rule, i);
            const path = [...RULES, i];
            const cap = isRecord(rule.cap) ? rule.cap : {};
            const where = rule.where === undefined ? '' : conditionText(rule.where);
            return (
              <tr key={i} data-rule={name}>
                <td>
                  <TextInput
                    label={`Rule ${name} id`}
                    {...bindField(form, rule, path, 'id', true)}
                  />
                  <div className="sub">{String(rule.category ?? 'engagement')}</div>
                </td>
                <td>
                  <TextInput
                    label={`Rule ${name} event`}
                    {...bindField(form, rule, path, 'event')}
                  />
                  {where && <div className="sub">where {where}</div>}
                </td>
                <td>
                  <NumberInput
                    label={`Rule ${name} points`}
                    {...bindField(form, rule, path, 'points')}
                  />
                </td>
                <td>
                  <NumberInput
                    label={`Rule ${name} cap points`}
                    placeholder="none"
                    {...bindField(form, cap, [...path, 'cap'], 'points', true)}
                  />
                </td>
                <td>
                  <NumberInput
                    label={`Rule ${name} cap window in days`}
                    placeholder="lifetime"
                    {...bindField(form, cap, [...path, 'cap'], 'days')}
                  />
                </td>
                <td>
                  <NumberInput
                    label={`Rule ${name} half-life in days`}
                    placeholder="model"
                    {...bindField(form, rule, path, 'halfLifeDays')}
                  />
                </td>
                <td>
                  <RemoveButton what={`rule ${name}`} onClick={() => form.remove(RULES, i)} />
                </td>
              </tr>
            );
          })}
        </Table>
      </div>
      <AddButton
        what="rule"
        onClick={() =>
          form.add(RULES, { id: `rule-${rules.length + 1}`, event: 'Event Name', points: 1 })
        }
      />
    </section>
  );
}

// The segments part of the model form: first match wins, so order matters; the last one is the
// catch-all. Actions are edited in the YAML.
import { AddButton } from '../components/add-button';
import { NumberInput, TextInput } from '../components/number-input';
import { RemoveButton } from '../components/remove-button';
import { RowActions } from '../components/row-actions';
import { SmallButton } from '../components/small-button';
import { ACTIONS, Table } from '../components/table';
import { bindField } from '../lib/field-binding';
import { at, nameOf, records, type FormApi } from './model-form-api';

const SEGMENTS = ['segments'];
const COLUMNS = ['Id', 'Stage', 'Score ≥', 'Lowest grade', 'Qualified', ACTIONS];

export function SegmentsForm({ form }: { form: FormApi }) {
  const segments = records(at(form.model, 'segments'));
  return (
    <section className="card" aria-labelledby="segments-h">
      <h2 id="segments-h">Segments</h2>
      <p className="hint">Checked top to bottom: a lead joins the first it qualifies for.</p>
      {form.problem(SEGMENTS) && <p className="field-error">{form.problem(SEGMENTS)}</p>}
      <div className="table-wrap">
        <Table className="editor-table" caption="Segments" columns={COLUMNS}>
          {segments.map((s, i) => {
            const name = nameOf(s, i);
            const path = [...SEGMENTS, i];
            const actions = Array.isArray(s.actions) ? s.actions.length : 0;
            return (
              <tr key={i}>
                <td>
                  <TextInput
                    label={`Segment ${name} id`}
                    {...bindField(form, s, path, 'id', true)}
                  />
                  {actions > 0 && <div className="sub">{actions} action(s)</div>}
                </td>
                <td>
                  <select
                    aria-label={`Segment ${name} stage`}
                    value={typeof s.stage === 'string' ? s.stage : ''}
                    aria-invalid={form.problem([...path, 'stage']) ? true : undefined}
                    onChange={(e) => form.set([...path, 'stage'], e.target.value || undefined)}
                  >
                    <option value="">—</option>
                    <option value="bofu">bofu</option>
                    <option value="mofu">mofu</option>
                    <option value="tofu">tofu</option>
                  </select>
                  {form.problem([...path, 'stage']) && (
                    <span className="field-error">{form.problem([...path, 'stage'])}</span>
                  )}
                </td>
                <td>
                  <NumberInput
                    label={`Segment ${name} lowest score`}
                    value={s.min ?? s.above}
                    placeholder={i === segments.length - 1 ? 'the rest' : ''}
                    error={form.problem([...path, 'min']) ?? form.problem([...path, 'above'])}
                    onCommit={(v) =>
                      form.set([...path, s.above !== undefined ? 'above' : 'min'], v)
                    }
                  />
                </td>
                <td>
                  <TextInput
                    label={`Segment ${name} lowest grade`}
                    {...bindField(form, s, path, 'minGrade')}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Segment ${name} is qualified for sales`}
                    checked={s.qualified === true}
                    onChange={(e) =>
                      form.set([...path, 'qualified'], e.target.checked || undefined)
                    }
                  />
                </td>
                <RowActions>
                  <SmallButton
                    label={`Move segment ${name} up`}
                    disabled={i === 0}
                    onClick={() => form.move(SEGMENTS, i, -1)}
                  >
                    ↑
                  </SmallButton>
                  <SmallButton
                    label={`Move segment ${name} down`}
                    disabled={i === segments.length - 1}
                    onClick={() => form.move(SEGMENTS, i, 1)}
                  >
                    ↓
                  </SmallButton>
                  <RemoveButton what={`segment ${name}`} onClick={() => form.remove(SEGMENTS, i)} />
                </RowActions>
              </tr>
            );
          })}
        </Table>
      </div>
      <AddButton
        what="segment"
        onClick={() =>
          form.add(
            SEGMENTS,
            { id: `segment-${segments.length + 1}`, stage: 'tofu', min: 0 },
            Math.max(0, segments.length - 1),
          )
        }
      />
    </section>
  );
}

// The fit part of the model form: criteria (points; conditions are edited in the YAML) and
// grades by lowest fit.
import { AddButton } from '../components/add-button';
import { NumberInput, TextInput } from '../components/number-input';
import { RemoveButton } from '../components/remove-button';
import { ACTIONS, Table } from '../components/table';
import { conditionText } from '../lib/condition-text';
import { bindField } from '../lib/field-binding';
import { at, nameOf, records, type FormApi } from './model-form-api';

const CRITERIA = ['fit', 'criteria'];
const GRADES = ['fit', 'grades'];

export function FitForm({ form }: { form: FormApi }) {
  const fit = at(form.model, 'fit');
  const criteria = records(at(fit, 'criteria'));
  const grades = records(at(fit, 'grades'));
  return (
    <section className="card" aria-labelledby="fit-h">
      <h2 id="fit-h">Fit criteria</h2>
      <div className="table-wrap">
        <Table
          className="editor-table"
          caption="Fit criteria"
          columns={['Id', 'Category', 'When', 'Points', ACTIONS]}
        >
          {criteria.map((c, i) => {
            const name = nameOf(c, i);
            const path = [...CRITERIA, i];
            return (
              <tr key={i}>
                <td>
                  <TextInput
                    label={`Criterion ${name} id`}
                    {...bindField(form, c, path, 'id', true)}
                  />
                </td>
                <td>
                  <TextInput
                    label={`Criterion ${name} category`}
                    placeholder="fit"
                    {...bindField(form, c, path, 'category')}
                  />
                </td>
                <td className="sub">
                  {conditionText(c.when)}
                  {form.problem([...path, 'when']) && (
                    <div className="field-error">{form.problem([...path, 'when'])}</div>
                  )}
                </td>
                <td>
                  <NumberInput
                    label={`Criterion ${name} points`}
                    {...bindField(form, c, path, 'points')}
                  />
                </td>
                <td>
                  <RemoveButton
                    what={`criterion ${name}`}
                    onClick={() => form.remove(CRITERIA, i)}
                  />
                </td>
              </tr>
            );
          })}
        </Table>
      </div>
      <AddButton
        what="criterion"
        style={{ margin: '0.5rem 0 1rem' }}
        onClick={() =>
          form.add(CRITERIA, {
            id: `criterion-${criteria.length + 1}`,
            when: { field: 'title', exists: true },
            points: 5,
          })
        }
      />

      <h3>Grades</h3>
      <p className="hint">
        Highest first; a lead gets the first grade whose lowest fit it reaches.
      </p>
      <div className="table-wrap">
        <Table className="editor-table" caption="Grades" columns={['Grade', 'Lowest fit', ACTIONS]}>
          {grades.map((g, i) => {
            const name = nameOf(g, i, 'grade');
            const path = [...GRADES, i];
            return (
              <tr key={i}>
                <td>
                  <TextInput
                    label={`Grade ${name} name`}
                    {...bindField(form, g, path, 'grade', true)}
                  />
                </td>
                <td>
                  <NumberInput
                    label={`Grade ${name} lowest fit`}
                    placeholder={i === grades.length - 1 ? 'the rest' : ''}
                    {...bindField(form, g, path, 'min')}
                  />
                </td>
                <td>
                  <RemoveButton what={`grade ${name}`} onClick={() => form.remove(GRADES, i)} />
                </td>
              </tr>
            );
          })}
        </Table>
      </div>
      <AddButton
        what="grade"
        onClick={() => form.add(GRADES, { grade: String.fromCharCode(65 + grades.length) })}
      />
    </section>
  );
}

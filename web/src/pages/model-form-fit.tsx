// The fit part of the model form: criteria (points; conditions are edited in the YAML) and
// grades by lowest fit.
import { NumberInput, TextInput } from '../components/number-input';
import { conditionText } from '../lib/condition-text';
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
        <table className="table editor-table">
          <caption className="sr-only">Fit criteria</caption>
          <thead>
            <tr>
              <th scope="col">Id</th>
              <th scope="col">Category</th>
              <th scope="col">When</th>
              <th scope="col">Points</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c, i) => {
              const name = nameOf(c, i);
              const path = [...CRITERIA, i];
              return (
                <tr key={i}>
                  <td>
                    <TextInput
                      label={`Criterion ${name} id`}
                      value={c.id}
                      error={form.problem([...path, 'id']) ?? form.problem(path)}
                      onCommit={(v) => form.set([...path, 'id'], v)}
                    />
                  </td>
                  <td>
                    <TextInput
                      label={`Criterion ${name} category`}
                      value={c.category}
                      placeholder="fit"
                      error={form.problem([...path, 'category'])}
                      onCommit={(v) => form.set([...path, 'category'], v)}
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
                      value={c.points}
                      error={form.problem([...path, 'points'])}
                      onCommit={(v) => form.set([...path, 'points'], v)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button small danger"
                      aria-label={`Remove criterion ${name}`}
                      onClick={() => form.remove(CRITERIA, i)}
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
        style={{ margin: '0.5rem 0 1rem' }}
        onClick={() =>
          form.add(CRITERIA, {
            id: `criterion-${criteria.length + 1}`,
            when: { field: 'title', exists: true },
            points: 5,
          })
        }
      >
        + Add criterion
      </button>

      <h3>Grades</h3>
      <p className="hint">
        Highest first; a lead gets the first grade whose lowest fit it reaches.
      </p>
      <div className="table-wrap">
        <table className="table editor-table">
          <caption className="sr-only">Grades</caption>
          <thead>
            <tr>
              <th scope="col">Grade</th>
              <th scope="col">Lowest fit</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {grades.map((g, i) => {
              const name = nameOf(g, i, 'grade');
              const path = [...GRADES, i];
              return (
                <tr key={i}>
                  <td>
                    <TextInput
                      label={`Grade ${name} name`}
                      value={g.grade}
                      error={form.problem([...path, 'grade']) ?? form.problem(path)}
                      onCommit={(v) => form.set([...path, 'grade'], v)}
                    />
                  </td>
                  <td>
                    <NumberInput
                      label={`Grade ${name} lowest fit`}
                      value={g.min}
                      placeholder={i === grades.length - 1 ? 'the rest' : ''}
                      error={form.problem([...path, 'min'])}
                      onCommit={(v) => form.set([...path, 'min'], v)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button small danger"
                      aria-label={`Remove grade ${name}`}
                      onClick={() => form.remove(GRADES, i)}
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
        onClick={() => form.add(GRADES, { grade: String.fromCharCode(65 + grades.length) })}
      >
        + Add grade
      </button>
    </section>
  );
}

// The model editor: forms and YAML over one text, validated by the API only on save (its
// problems shown at their fields and lines); a saved version can be previewed and activated.
import { useMemo, useState } from 'react';
import { api, ApiError, messageOf } from '../api/client';
import type { ModelProblem } from '../api/types';
import { Field } from '../components/field';
import { TextInput } from '../components/number-input';
import { bindField } from '../lib/field-binding';
import {
  addItem,
  formatPath,
  moveItem,
  parseModelText,
  removeItem,
  setIn,
  type Path,
} from '../lib/model-doc';
import { isRecord, type FormApi } from './model-form-api';
import { FitForm } from './model-form-fit';
import { RulesForm } from './model-form-rules';
import { SegmentsForm } from './model-form-segments';
import { WhatIf } from './model-what-if';
import { ModelYamlPane } from './model-yaml-pane';

interface Props {
  initialText: string;
  baseVersion: number | null;
  activeVersion: number | null;
  activating: boolean;
  onSaved: (version: number) => void;
  onActivate: (version: number) => void;
  /** Why the signed-in role may not save or activate (the editor stays a scratch pad); else null. */
  readOnly: string | null;
}

function problemsOf(error: unknown): ModelProblem[] | null {
  if (!(error instanceof ApiError) || error.status !== 422 || !Array.isArray(error.details))
    return null;
  return (error.details as Partial<ModelProblem>[]).map((d) => ({
    path: String(d.path ?? ''),
    message: String(d.message ?? ''),
    ...(typeof d.line === 'number' ? { line: d.line } : {}),
  }));
}

export function ModelEditor(props: Props) {
  const [text, setText] = useState(props.initialText);
  const [savedText, setSavedText] = useState(props.initialText);
  const [problems, setProblems] = useState<ModelProblem[]>([]);
  const [saveError, setSaveError] = useState<string>();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ version: number; name: string } | null>(null);
  const parsed = useMemo(() => parseModelText(text), [text]);
  const model = isRecord(parsed.value) ? parsed.value : null;
  const dirty = text !== savedText;

  const byPath = useMemo(() => new Map(problems.map((p) => [p.path, p.message])), [problems]);
  const edit = (change: (t: string) => string) => {
    try {
      setText(change(text));
    } catch (reason) {
      setSaveError(messageOf(reason));
    }
  };
  const form: FormApi | null = model && {
    model,
    set: (path, value) => edit((t) => setIn(t, path, value)),
    add: (path, item, at) => edit((t) => addItem(t, path, item, at)),
    remove: (path, i) => edit((t) => removeItem(t, path, i)),
    move: (path, i, by) => edit((t) => moveItem(t, path, i, by)),
    problem: (path: Path) => byPath.get(formatPath(path)),
  };

  const save = async () => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const query = note.trim() === '' ? '' : `?note=${encodeURIComponent(note.trim())}`;
      const created = await api<{ version: number; name: string }>(`/v1/models${query}`, {
        yaml: text,
      });
      setNote('');
      setProblems([]);
      setSaved(created);
      setSavedText(text);
      props.onSaved(created.version);
    } catch (reason) {
      const found = problemsOf(reason);
      if (found) setProblems(found);
      else setSaveError(messageOf(reason));
    } finally {
      setSaving(false);
    }
  };

  const shown: ModelProblem[] = parsed.syntaxError
    ? [
        {
          path: '',
          message: parsed.syntaxError.message,
          ...(parsed.syntaxError.line ? { line: parsed.syntaxError.line } : {}),
        },
      ]
    : problems;

  return (
    <>
      <div className="card actions" style={{ justifyContent: 'space-between' }}>
        <div>
          <strong>
            {saved
              ? `Saved as v${saved.version}${dirty ? ' · unsaved changes since' : ''}`
              : props.baseVersion
                ? `Editing a copy of v${props.baseVersion}${dirty ? ' · unsaved changes' : ''}`
                : 'New model'}
          </strong>
          {problems.length > 0 && (
            <span className="badge bad" style={{ marginLeft: '0.5rem' }} role="status">
              {problems.length} problem(s): see the fields and lines marked
            </span>
          )}
        </div>
        <div className="actions">
          <button
            type="button"
            className="button"
            disabled={!dirty}
            onClick={() => {
              setText(savedText);
              setProblems([]);
            }}
          >
            Discard changes
          </button>
          {props.readOnly ? (
            <span className="hint" data-testid="model-read-only">
              {props.readOnly}
            </span>
          ) : (
            <input
              aria-label="Version note"
              placeholder="What changed and why"
              value={note}
              maxLength={2000}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
          {!props.readOnly && (
            <button
              type="button"
              className="button primary"
              disabled={saving || !dirty || parsed.syntaxError !== null}
              onClick={() => void save()}
            >
              {saving ? 'Validating…' : 'Save as new version'}
            </button>
          )}
          {saved && (
            <button
              type="button"
              className="button"
              disabled={props.activating || props.activeVersion === saved.version}
              onClick={() => props.onActivate(saved.version)}
            >
              Activate saved v{saved.version}
            </button>
          )}
        </div>
      </div>
      {saveError && (
        <p className="state state-error" role="alert">
          {saveError}
        </p>
      )}
      {saved && <WhatIf key={saved.version} version={saved.version} />}
      <div className="editor">
        <div>
          {form ? (
            <>
              <section className="card" aria-labelledby="model-h">
                <h2 id="model-h">Model</h2>
                <div className="form-row">
                  <Field id="model-name" label="Name" size="grow">
                    <TextInput
                      id="model-name"
                      label="Model name"
                      {...bindField(form, form.model, [], 'name')}
                    />
                  </Field>
                  <Field id="model-description" label="Description" size="grow">
                    <TextInput
                      id="model-description"
                      label="Model description"
                      value={form.model.description}
                      onCommit={(v) => form.set(['description'], v)}
                    />
                  </Field>
                </div>
              </section>
              <RulesForm form={form} />
              <FitForm form={form} />
              <SegmentsForm form={form} />
            </>
          ) : (
            <p className="state state-error" role="alert">
              The YAML does not parse
              {parsed.syntaxError?.line ? ` (line ${parsed.syntaxError.line})` : ''}: fix it beside
              to edit with the forms again.
            </p>
          )}
        </div>
        <ModelYamlPane text={text} onChange={setText} problems={shown} />
      </div>
    </>
  );
}

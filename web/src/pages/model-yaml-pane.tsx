// The model as YAML beside the form: edited freely, with the problems the API (or the YAML
// parser) found listed by line; choosing one selects that line.
import { useRef } from 'react';
import type { ModelProblem } from '../api/types';

interface Props {
  text: string;
  onChange: (text: string) => void;
  problems: readonly ModelProblem[];
}

function selectLine(area: HTMLTextAreaElement, line: number) {
  const lines = area.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const end = start + (lines[line - 1]?.length ?? 0);
  area.focus();
  area.setSelectionRange(start, end);
  const lineHeight = area.scrollHeight / Math.max(lines.length, 1);
  area.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

export function ModelYamlPane({ text, onChange, problems }: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  return (
    <section className="card yaml-pane" aria-labelledby="yaml-h">
      <h2 id="yaml-h">
        <label htmlFor="model-yaml" style={{ all: 'inherit' }}>
          YAML
        </label>
      </h2>
      {problems.length > 0 && (
        <ul className="problems" aria-label="Problems in the model" data-testid="model-problems">
          {problems.map((p, i) => (
            <li key={i}>
              {p.line ? (
                <button
                  type="button"
                  onClick={() => area.current && selectLine(area.current, p.line!)}
                >
                  line {p.line}
                </button>
              ) : null}
              {p.line ? ': ' : ''}
              {p.path ? <code>{p.path}</code> : null}
              {p.path ? ': ' : ''}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      <textarea
        id="model-yaml"
        ref={area}
        className="code"
        spellCheck={false}
        value={text}
        aria-invalid={problems.length > 0 ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        style={{ marginTop: '0.5rem' }}
      />
    </section>
  );
}

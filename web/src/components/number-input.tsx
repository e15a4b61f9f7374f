// A number field for the model editor: keeps what the user types, commits only numbers (or
// nothing, when emptied), and shows the problem the API found at its field.
import { useEffect, useState } from 'react';

interface Props {
  label: string;
  value: unknown;
  onCommit: (value: number | undefined) => void;
  error?: string | undefined;
  id?: string;
  placeholder?: string;
}

const textOf = (value: unknown) =>
  typeof value === 'number' ? String(value) : value === undefined ? '' : String(value);

export function NumberInput({ label, value, onCommit, error, id, placeholder }: Props) {
  const [text, setText] = useState(textOf(value));
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    if (!focused) setText(textOf(value));
  }, [value, focused]);

  return (
    <>
      <input
        id={id}
        className="num-input"
        type="text"
        inputMode="decimal"
        aria-label={label}
        title={error ?? label}
        placeholder={placeholder}
        value={text}
        aria-invalid={error ? true : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          setText(textOf(value));
        }}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next.trim() === '') onCommit(undefined);
          else if (Number.isFinite(Number(next))) onCommit(Number(next));
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </>
  );
}

export function TextInput({
  id,
  label,
  value,
  onCommit,
  error,
  placeholder,
}: {
  id?: string;
  label: string;
  value: unknown;
  onCommit: (value: string | undefined) => void;
  error?: string | undefined;
  placeholder?: string;
}) {
  return (
    <>
      <input
        id={id}
        className="text-input"
        type="text"
        aria-label={label}
        title={error ?? label}
        placeholder={placeholder}
        value={value === undefined ? '' : String(value)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onCommit(e.target.value === '' ? undefined : e.target.value)}
      />
      {error && <span className="field-error">{error}</span>}
    </>
  );
}

// Binds one field of an item in the model form to its input: the value, the problem the API
// found there (or, for `orItem`, at the item as a whole), and the edit of the YAML text.
import type { Path } from './model-doc';

interface Editable {
  set: (path: Path, value: unknown) => void;
  problem: (path: Path) => string | undefined;
}

export function bindField(
  form: Editable,
  item: Record<string, unknown>,
  path: Path,
  key: string,
  orItem = false,
) {
  const at = [...path, key];
  return {
    value: item[key],
    error: form.problem(at) ?? (orItem ? form.problem(path) : undefined),
    onCommit: (value: unknown) => form.set(at, value),
  };
}

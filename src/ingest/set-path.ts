// Sets a value at a dotted path (`company.size`) in an object, making the objects on the way, as
// CSV columns with dotted names become nested traits and properties.
export function setPath(
  target: Record<string, unknown>,
  parts: readonly string[],
  value: unknown,
): void {
  let node = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i] as string;
    const next = node[key];
    if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
    else {
      const child: Record<string, unknown> = {};
      node[key] = child;
      node = child;
    }
  }
  node[parts[parts.length - 1] as string] = value;
}

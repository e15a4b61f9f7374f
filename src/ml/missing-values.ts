// The values a training or scoring CSV uses for "unknown", read as missing like a blank field.

/**
 * What R (`NA`), pandas and spreadsheets (`NaN`, `N/A`), SQL exports (`null`, `NULL`), Python
 * (`None`) and hand-kept or UCI files (`-`, `?`) write for an unknown value. Exact, case as
 * listed: `none` or `na` in lower case may well be a real category.
 */
export const MISSING_VALUES = ['NA', 'N/A', 'n/a', 'NaN', 'null', 'NULL', 'None', '-', '?'];

/** Whether a raw value is missing: blank, or (trimmed) one of `missingValues`. */
export function missingTest(missingValues: readonly string[] = []): (value: string) => boolean {
  const tokens = new Set(missingValues);
  return (value) => {
    const v = value.trim();
    return v === '' || tokens.has(v);
  };
}

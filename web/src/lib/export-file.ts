// The export a list's button downloads: its address from the list's filters, and the file name
// the server offers (Content-Disposition), with one to fall back on.

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `/v1/leads/export?…`: the given filters (empty ones left out) and the format. */
export function exportPath(
  path: string,
  filters: Readonly<Record<string, string | undefined>>,
  format: ExportFormat,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters))
    if (value !== undefined && value !== '' && name !== 'cursor') params.set(name, value);
  params.set('format', format);
  return `${path}?${params.toString()}`;
}

/** The file name of `attachment; filename="x.csv"` (or `filename*=UTF-8''x.csv`). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return safeName(decodeURIComponent(extended.trim()), fallback);
    } catch {
      // A malformed escape: the plain name, or the fallback.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(disposition);
  return safeName((plain?.[1] ?? plain?.[2] ?? '').trim(), fallback);
}

/** No folders in a name the browser saves under. */
function safeName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

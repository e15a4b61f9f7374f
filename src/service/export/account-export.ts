// Every account (company score) the account list's filter selects, as CSV or NDJSON, streamed a
// page at a time through the list itself, so the export shows exactly what the list shows.
import type { Store } from '../../store/port.js';
import { accountListRows } from '../accounts/account-list.js';
import { rowWriter, type ExportFormat } from './export-format.js';
import { EXPORT_PAGE_SIZE } from './lead-export.js';
import { traitColumns, type TraitSelection } from './trait-selection.js';

export interface AccountExportRequest {
  filters: { segment?: string | undefined };
  format: ExportFormat;
  /** Read from the company's traits. */
  traits: TraitSelection;
}

const COLUMNS = [
  'id',
  'name',
  'score',
  'fit',
  'engagement',
  'grade',
  'segment',
  'stage',
  'contacts',
  'modelVersion',
  'scoredAt',
] as const;

/** The export's text in chunks: the header with the first page, then a page per chunk. */
export async function* exportAccounts(
  store: Store,
  ws: string,
  request: AccountExportRequest,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  const traits = traitColumns(request.traits);
  const writer = rowWriter(request.format, [...COLUMNS, ...traits.map((t) => t.name)]);
  let head = writer.head();
  let cursor: string | undefined;
  do {
    const page = await accountListRows(store, ws, {
      limit: pageSize,
      cursor,
      segment: request.filters.segment,
    });
    const lines = page.rows.map(({ entry, traits: companyTraits }) =>
      writer.line([
        ...COLUMNS.map((name) => entry[name]),
        ...traits.map((t) => t.read(companyTraits)),
      ]),
    );
    const text = head + lines.join('');
    head = '';
    if (text !== '') yield text;
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
}

// The bulk import's answers as the dashboard reads them: types only, from the server's one
// import contract (see types.ts for why no hand-written twin).
import type {
  ImportCounts,
  ImportKind,
  ImportReject,
  ImportResult,
} from '../../../src/service/import/import-types';
import type { ImportPreview } from '../../../src/service/import/preview';

export type { ImportCounts, ImportKind, ImportPreview, ImportReject, ImportResult };
export type PreviewColumn = ImportPreview['columns'][number];
export type PreviewRow = ImportPreview['rows'][number];

// The bulk import's answers as the dashboard reads them: types only, from the server's one
// import contract as the API's schema re-exports it (see types.ts for why no hand-written twin).
import type { ImportPreview, ImportReject, ImportResult } from '../../../src/api/schemas/import';

export type { ImportPreview, ImportReject, ImportResult };
export type ImportKind = ImportPreview['kind'];
export type ImportCounts = NonNullable<ImportResult['counts']['leads']>;

// The Import page: choose files of leads, companies, events and outcomes, map their columns with
// a preview of the first rows as they will be read, then a dry run and the import itself.
import { useRef, useState } from 'react';
import type { ImportKind } from '../api/import-types';
import { PageHeader } from '../components/page-header';
import { navigate } from '../router';
import { chosenKinds, type ImportFileSet } from '../lib/import-files';
import { csvHeader, formatOf, type FileFormat } from '../lib/import-header';
import {
  applyLoaded,
  choiceProblems,
  choicesFor,
  choicesFromYaml,
  mappingYaml,
  type MappingChoices,
} from '../lib/import-mapping';
import { useImportJob } from '../lib/use-import-job';
import { ImportKindPanel } from './import-kind';
import { ImportMapYaml } from './import-map-yaml';
import { ImportPick } from './import-pick';
import { ImportRun } from './import-run';

/** Enough of a file for its format and header line. */
const HEAD_BYTES = 64 * 1024;

export function ImportPage({ query }: { query: URLSearchParams }) {
  const [files, setFiles] = useState<ImportFileSet>({});
  const [formats, setFormats] = useState<Partial<Record<ImportKind, FileFormat>>>({});
  const [headers, setHeaders] = useState<Partial<Record<ImportKind, string[]>>>({});
  const [choices, setChoices] = useState<MappingChoices>({});
  const runner = useImportJob(query.get('job'), (job) =>
    navigate(job ? `/import?job=${encodeURIComponent(job)}` : '/import', { replace: true }),
  );
  // The file last chosen per kind: a slower read of an earlier choice does not overwrite it.
  const latest = useRef<ImportFileSet>({});
  const kinds = chosenKinds(files);

  const chooseFile = async (kind: ImportKind, file: File | undefined) => {
    runner.reset();
    latest.current[kind] = file;
    setFiles((old) => ({ ...old, [kind]: file }));
    setHeaders((old) => ({ ...old, [kind]: undefined }));
    if (!file) return;
    const head = await file.slice(0, HEAD_BYTES).text();
    if (latest.current[kind] !== file) return;
    const format = formatOf(kind, file.name, head);
    const header = format === 'csv' ? csvHeader(head) : [];
    setFormats((old) => ({ ...old, [kind]: format }));
    setHeaders((old) => ({ ...old, [kind]: header }));
    setChoices((old) => ({ ...old, [kind]: choicesFor(header, old[kind]) }));
  };

  /** A mapping file made before: its choices over the current ones, or its problems. */
  const loadMap = async (file: File): Promise<string[]> => {
    const read = choicesFromYaml(await file.text());
    if (!read.ok) throw new Error(`${file.name}: ${read.problems.join('; ')}`);
    runner.reset();
    const { choices: next, unmatched } = applyLoaded(choices, read.choices, headers);
    setChoices(next);
    return unmatched;
  };

  const mappingProblem = kinds.some((k) => choiceProblems(choices[k] ?? []).length > 0);
  const blocked =
    kinds.length === 0
      ? 'Choose at least one file.'
      : mappingProblem
        ? 'Two columns are read under one name: fix the mapping first.'
        : undefined;
  // Only the chosen files' mappings are sent (a file taken out keeps its choices for later).
  const map = mappingYaml(Object.fromEntries(kinds.map((k) => [k, choices[k]])));

  return (
    <section className="page">
      <PageHeader title="Import">
        Bring leads, companies, their event history and won or lost deals in from files.
      </PageHeader>
      <ImportPick
        files={files}
        disabled={runner.running}
        onChange={(kind, file) => void chooseFile(kind, file)}
      />
      {kinds.length > 0 && (
        <section aria-labelledby="import-map-h">
          <h2 id="import-map-h">2. Columns and preview</h2>
          {kinds.map((kind) =>
            formats[kind] ? (
              <ImportKindPanel
                key={kind}
                kind={kind}
                file={files[kind]!}
                format={formats[kind]}
                choices={choices[kind] ?? []}
                disabled={runner.running}
                onChoices={(next) => {
                  runner.reset();
                  setChoices((old) => ({ ...old, [kind]: next }));
                }}
              />
            ) : null,
          )}
          <ImportMapYaml yaml={map} onLoad={loadMap} disabled={runner.running} />
        </section>
      )}
      <ImportRun
        runner={runner}
        bytes={kinds.reduce((n, k) => n + files[k]!.size, 0)}
        blocked={blocked}
        start={({ dryRun, quiet }) => void runner.start({ files, map, dryRun, quiet })}
      />
    </section>
  );
}

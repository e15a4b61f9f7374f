// The server's preview of one file (its columns as mapped and its first rows as they will be
// read), asked again a moment after the file or mapping last changed; a stale answer never
// overwrites a newer one, and the last preview stays shown while the next one loads.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ImportKind, ImportPreview } from '../api/import-types';
import { previewForm } from './import-files';

export interface PreviewState {
  preview: ImportPreview | undefined;
  error: Error | undefined;
  loading: boolean;
}

export function useImportPreview(
  kind: ImportKind,
  file: File | undefined,
  map: string,
  delayMs = 300,
): PreviewState {
  const [preview, setPreview] = useState<ImportPreview>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!file) {
      setPreview(undefined);
      setError(undefined);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      previewForm(kind, file, map)
        .then((form) =>
          api<ImportPreview>('/v1/imports/preview', { form, signal: controller.signal }),
        )
        .then((answer) => {
          setPreview(answer);
          setError(undefined);
        })
        .catch((reason: unknown) => {
          if (controller.signal.aborted) return;
          setPreview(undefined);
          setError(reason instanceof Error ? reason : new Error(String(reason)));
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [kind, file, map, delayMs]);

  return { preview, error, loading };
}

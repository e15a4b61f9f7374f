// Loads a newest-first list a page at a time, each page from the cursor the last one ended at;
// a fresh load (no cursor) replaces the list. Loads afresh when the path or `version` changes.
import { useEffect, useState } from 'react';
import { api, messageOf, withQuery } from '../api/client';
import type { Page } from '../api/types';

/** `cursor` names the query parameter the API reads the cursor from (`before`, or `after`). */
export function usePages<T>(path: string, limit: number, version = 0, cursor = 'before') {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);

  const load = async (before: string | null) => {
    setLoading(true);
    try {
      const page = await api<Page<T>>(withQuery(path, { limit, [cursor]: before }));
      setItems((old) => (before === null ? page.items : [...old, ...page.items]));
      setNext(page.next);
      setError(undefined);
    } catch (reason) {
      setError(messageOf(reason));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
    // `load` is made anew each render; what it reads is in these.
  }, [path, limit, version, cursor]);

  return { items, next, error, loading, load };
}

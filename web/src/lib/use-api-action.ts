// Sends changes to the API from a panel: on success it reloads what the change touched, on
// failure it keeps the message for the panel to show. A form's submit also marks the panel busy.
import { useState } from 'react';
import { api, messageOf, type RequestOptions } from '../api/client';

export function useApiAction(reload: () => void) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const attempt = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setError(undefined);
    try {
      const answer = await work();
      reload();
      return answer;
    } catch (reason) {
      setError(messageOf(reason));
      return undefined;
    }
  };

  /** One call, such as a row's button makes. */
  const run = <T>(path: string, options: RequestOptions) => attempt(() => api<T>(path, options));

  /** A form's work (its calls and what it does with the answers), the panel busy meanwhile. */
  const submit = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await attempt(work);
    } finally {
      setBusy(false);
    }
  };

  return { error, busy, run, submit };
}

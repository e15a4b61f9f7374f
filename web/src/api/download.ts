// Downloads a file the API streams (an export): fetched with the admin key, as every call is,
// then handed to the browser to save under the name the server offers.
import { navigate } from '../router';
import { adminKey, signOut } from '../session';
import { fileNameOf } from '../lib/export-file';
import { ApiError, errorOf } from './client';

/** Resolves once the browser was given the file; a refusal throws the API's coded error. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const key = adminKey();
  let response: Response;
  try {
    response = await fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  } catch {
    throw new ApiError(0, 'network', 'The server did not answer: is `leadscore serve` running?');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) {
      signOut(`Your key was not accepted (${error.message}). Sign in again.`);
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    }
    throw error;
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the browser's download by the next task.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

// Downloads a file the API streams (an export): fetched with the session, as every call is,
// then handed to the browser to save under the name the server offers.
import { fileNameOf } from '../lib/export-file';
import { ApiError, errorOf, sessionEnded, sessionHeaders } from './client';

/** Resolves once the browser was given the file; a refusal throws the API's coded error. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, { headers: sessionHeaders('GET'), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'The server did not answer: is `leadscore serve` running?');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) sessionEnded(error.message);
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

// Streams a text file line by line (NDJSON), with 1-based line numbers and byte progress.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export type LineHandler = (line: string, lineNumber: number) => void;

/**
 * Calls `onLine` for every non-blank line, synchronously per chunk: a callback per line is
 * several times faster than an async iterator at ten million lines.
 */
export async function forEachLine(
  path: string,
  onLine: LineHandler,
  onBytes?: (bytesRead: number) => void,
): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNumber = 0;
  let bytes = 0;
  const emit = (line: string) => {
    lineNumber++;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() !== '') onLine(text, lineNumber);
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    const text = carry + decoder.write(buffer);
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      emit(text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    carry = text.slice(start);
    onBytes?.(bytes);
  }
  carry += decoder.end();
  if (carry !== '') emit(carry);
}

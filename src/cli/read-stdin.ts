// A secret read from standard input (`--password-stdin`): all of it, less one final line break,
// so that `printf '%s\n' "$PASSWORD" | leadscore ...` and a file both work.
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (then Enter and Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/u, '');
}

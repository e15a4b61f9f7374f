// Named parameters (`:name`) to PostgreSQL's positional ones (`$1`), once per SQL text.
// Written by hand: node-postgres takes only positional parameters, and the packages that rewrite
// named ones (pg-named, named-placeholders) are unmaintained or emit MySQL's `?`. This scanner
// skips string literals, quoted identifiers and comments, and leaves `::type` casts alone.

export interface Positional {
  text: string;
  /** The parameter name of $1, $2, ... in order. */
  names: string[];
}

const cache = new Map<string, Positional>();

export function positional(sql: string): Positional {
  let compiled = cache.get(sql);
  if (!compiled) {
    compiled = compile(sql);
    cache.set(sql, compiled);
  }
  return compiled;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function compile(sql: string): Positional {
  const names: string[] = [];
  const index = new Map<string, number>();
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const end = closing(sql, i, c);
      text += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      text += sql.slice(i, stop);
      i = stop;
    } else if (c === ':' && sql[i + 1] === ':') {
      text += '::';
      i += 2;
    } else if (c === ':') {
      NAME.lastIndex = i + 1;
      const match = NAME.exec(sql);
      if (!match) {
        text += c;
        i++;
        continue;
      }
      const name = match[0];
      let n = index.get(name);
      if (n === undefined) {
        names.push(name);
        n = names.length;
        index.set(name, n);
      }
      text += `$${n}`;
      i += 1 + name.length;
    } else {
      text += c;
      i++;
    }
  }
  return { text, names };
}

/** The index just past the literal opened at `start` ('' and "" escape the quote). */
function closing(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

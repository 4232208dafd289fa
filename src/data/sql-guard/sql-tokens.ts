/** A lexical token of SQL: comments and string contents never become words. */
export interface SqlToken {
  kind: 'word' | 'quoted-identifier' | 'string' | 'number' | 'symbol';
  /** Words upper-cased; quoted identifiers unquoted; symbols as written. */
  text: string;
  /** Parenthesis depth the token sits at (0 = top level). */
  depth: number;
}

export interface TokenizeOptions {
  /** PostgreSQL and DuckDB nest block comments (`/* /* *\/ *\/`); SQLite does not. */
  nestedComments: boolean;
}

/**
 * Splits SQL into tokens, skipping comments and keeping string literals opaque. It never
 * decides whether SQL is allowed (a parser does); it names the kind of statement a parser
 * already rejected and finds function calls, so comment and quoting tricks cannot hide them.
 */
export function tokenizeSql(sql: string, options: TokenizeOptions): SqlToken[] {
  const tokens: SqlToken[] = [];
  let depth = 0;
  let index = 0;
  const push = (kind: SqlToken['kind'], text: string) => tokens.push({ kind, text, depth });
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (/\s/u.test(char)) {
      index++;
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end === -1 ? sql.length : end + 1;
    } else if (char === '/' && next === '*') {
      index = skipBlockComment(sql, index, options.nestedComments);
    } else if (char === "'") {
      const end = closingQuote(sql, index, "'");
      push('string', sql.slice(index + 1, end).replace(/''/g, "'"));
      index = end + 1;
    } else if (char === '"' || char === '`') {
      const end = closingQuote(sql, index, char);
      push('quoted-identifier', sql.slice(index + 1, end));
      index = end + 1;
    } else if (char === '[' && !options.nestedComments) {
      // SQLite's [bracketed identifier]; DuckDB uses [] for lists.
      const end = sql.indexOf(']', index);
      const stop = end === -1 ? sql.length : end;
      push('quoted-identifier', sql.slice(index + 1, stop));
      index = stop + 1;
    } else if (char === '$' && options.nestedComments && /^\$[A-Za-z_]*\$/.test(sql.slice(index))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(index))![0];
      const end = sql.indexOf(tag, index + tag.length);
      const stop = end === -1 ? sql.length : end;
      push('string', sql.slice(index + tag.length, stop));
      index = stop + tag.length;
    } else if (/[\p{L}_]/u.test(char)) {
      const match = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(index))!;
      push('word', match[0].toUpperCase());
      index += match[0].length;
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9][0-9._eE]*/.exec(sql.slice(index))!;
      push('number', match[0]);
      index += match[0].length;
    } else {
      if (char === ')') depth = Math.max(0, depth - 1);
      push('symbol', char);
      if (char === '(') depth++;
      index++;
    }
  }
  return tokens;
}

function closingQuote(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2;
      else return index;
    } else {
      index++;
    }
  }
  return sql.length;
}

function skipBlockComment(sql: string, start: number, nested: boolean): number {
  let level = 0;
  let index = start;
  while (index < sql.length) {
    if (sql[index] === '/' && sql[index + 1] === '*') {
      level = nested ? level + 1 : 1;
      index += 2;
    } else if (sql[index] === '*' && sql[index + 1] === '/') {
      level--;
      index += 2;
      if (level === 0) return index;
    } else {
      index++;
    }
  }
  return sql.length;
}

/** Statements separated by top-level semicolons, empty ones (`;;`, trailing `;`) dropped. */
export function splitStatements(tokens: SqlToken[]): SqlToken[][] {
  const statements: SqlToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === ';') statements.push([]);
    else statements[statements.length - 1].push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}

/** A token of highlighted code: plain text or one of a few classes styled in styles.css. */
export interface CodeToken {
  text: string;
  kind: 'plain' | 'keyword' | 'string' | 'number' | 'comment';
}

const SQL_KEYWORDS = new Set(
  'select from where group by order having limit offset join left right inner outer full cross on as and or not in is null case when then else end with distinct union all count sum avg min max cast over partition asc desc between like ilike true false interval date timestamp filter exists coalesce round'.split(' '),
);
const PYTHON_KEYWORDS = new Set('def return import from as if elif else for while in not and or is None True False class with try except finally raise lambda yield pass break continue print'.split(' '));
const TSX_KEYWORDS = new Set('export default function return const let var if else for while import from as new typeof null undefined true false'.split(' '));

const PATTERNS: Record<'sql' | 'python' | 'tsx', RegExp> = {
  sql: /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*'|"(?:[^"])*")|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g,
  python: /(#[^\n]*)|("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)/g,
  tsx: /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`)|(\b\d+(?:\.\d+)?\b)|([A-Za-z_$][A-Za-z0-9_$]*)/g,
};

/** Splits code into tokens for a light syntax highlight (no dependency; readability, not a parser). */
export function highlightCode(code: string, language: 'sql' | 'python' | 'tsx'): CodeToken[] {
  const keywords = language === 'sql' ? SQL_KEYWORDS : language === 'python' ? PYTHON_KEYWORDS : TSX_KEYWORDS;
  const pattern = new RegExp(PATTERNS[language].source, 'g');
  const tokens: CodeToken[] = [];
  let last = 0;
  for (const match of code.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ text: code.slice(last, index), kind: 'plain' });
    const [text, comment, string, number, word] = match;
    if (comment) tokens.push({ text, kind: 'comment' });
    else if (string) tokens.push({ text, kind: 'string' });
    else if (number) tokens.push({ text, kind: 'number' });
    else if (word) tokens.push({ text, kind: keywords.has(language === 'sql' ? word.toLowerCase() : word) ? 'keyword' : 'plain' });
    last = index + text.length;
  }
  if (last < code.length) tokens.push({ text: code.slice(last), kind: 'plain' });
  return tokens;
}

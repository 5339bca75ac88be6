/**
 * A small deterministic SQL layout for the query snapshots, so a changed query reads as a changed
 * line in review: each clause on its own line, a subquery indented under its parenthesis, select
 * lists and WHERE conditions one per line, keywords in capitals. It only moves whitespace and
 * changes keyword case: strings, quoted identifiers and comments are kept as written.
 */

type Token = { kind: 'word' | 'string' | 'quoted' | 'comment' | 'punct' | 'param'; text: string };

const CLAUSES = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'GROUP BY',
  'HAVING',
  'WINDOW',
  'ORDER BY',
  'LIMIT',
  'OFFSET',
  'FETCH',
  'RETURNING',
  'VALUES',
  'SET',
  'INSERT INTO',
  'UPDATE',
  'DELETE FROM',
  'USING',
  'ON CONFLICT',
  'DO UPDATE SET',
  'DO NOTHING',
  'WITH',
  'WITH RECURSIVE',
  'UNION',
  'UNION ALL',
  'EXCEPT',
  'INTERSECT',
  'FOR UPDATE',
  'FOR SHARE',
  'FOR NO KEY UPDATE',
  'JOIN',
  'INNER JOIN',
  'LEFT JOIN',
  'LEFT OUTER JOIN',
  'RIGHT JOIN',
  'FULL JOIN',
  'CROSS JOIN',
  'INNER JOIN LATERAL',
  'LEFT JOIN LATERAL',
  'CROSS JOIN LATERAL',
]);

/** Words that open a statement: a parenthesis before one holds a subquery. */
const STATEMENTS = new Set(['SELECT', 'WITH', 'VALUES', 'INSERT', 'UPDATE', 'DELETE']);

/** Keywords written like a function: no space before their parenthesis. */
const FUNCTIONS = new Set(['ANY', 'CAST', 'ARRAY', 'EXISTS']);

/** Clauses whose top-level commas start a new line. */
const LISTS = new Set([
  'SELECT',
  'GROUP BY',
  'ORDER BY',
  'RETURNING',
  'SET',
  'DO UPDATE SET',
  'WITH',
  'WITH RECURSIVE',
]);
/** Clauses whose top-level AND / OR start a new line. */
const CONDITIONS = new Set(['WHERE', 'HAVING', 'ON', 'INNER JOIN', 'LEFT JOIN', 'JOIN']);

const KEYWORDS = new Set(
  (
    'select from where group by having window order limit offset fetch returning values set insert into update ' +
    'delete using on conflict do nothing with recursive union all except intersect for share no join inner ' +
    'left right full outer cross lateral and or not in is null as distinct case when then else end exists any ' +
    'asc desc nulls first last skip locked between like ilike filter over partition true false materialized ' +
    'default cast interval array rows only'
  ).split(' '),
);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      tokens.push({ kind: 'comment', text: text.slice(i, stop).trimEnd() });
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      tokens.push({ kind: 'comment', text: text.slice(i, stop) });
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: text.slice(i, j + 1) });
      i = j + 1;
    } else if (c === '$' && /\d/.test(text[i + 1] ?? '')) {
      const m = /^\$\d+/.exec(text.slice(i))!;
      tokens.push({ kind: 'param', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else {
      // An operator is a run of operator characters, as PostgreSQL reads it (`=>`, `->>`, `||`).
      const m = /^(::|[+\-*/<>=~!@#%^&|`?]+)/.exec(text.slice(i));
      const t = m ? m[0] : c;
      tokens.push({ kind: 'punct', text: t });
      i += t.length;
    }
  }
  // Capitals for keywords, except where a word is a name (after a dot or a cast).
  return tokens.map((t, k) => {
    const before = tokens[k - 1]?.text;
    return t.kind === 'word' && KEYWORDS.has(t.text.toLowerCase()) && before !== '.' && before !== '::'
      ? { ...t, text: t.text.toUpperCase() }
      : t;
  });
}

/** The longest clause keyword starting at token k (e.g. LEFT JOIN LATERAL), if any. */
function clauseAt(tokens: Token[], k: number): string | undefined {
  let found: string | undefined;
  let words = '';
  for (let j = k; j < Math.min(tokens.length, k + 4) && tokens[j].kind === 'word'; j++) {
    const word = tokens[j].text.toUpperCase();
    words = words ? `${words} ${word}` : word;
    if (CLAUSES.has(words)) found = words;
  }
  return found;
}

interface Level {
  /** The indentation of this level's clauses. */
  indent: number;
  /** Whether the parenthesis that opened it holds a statement (a subquery) rather than an expression. */
  statement: boolean;
  clause?: string;
  between: boolean;
  /** Expression parentheses opened inside the current clause of this level. */
  depth: number;
}

export function formatSql(text: string): string {
  const tokens = tokenize(text);
  const lines: string[] = [];
  let line = '';
  const levels: Level[] = [{ indent: 0, statement: true, between: false, depth: 0 }];
  const top = () => levels[levels.length - 1];
  const newline = (indent: number) => {
    if (line.trim()) lines.push(line.trimEnd());
    line = ' '.repeat(indent);
  };
  const append = (word: string, space: boolean) => {
    if (space && line.trim() && !/[ (]$/.test(line)) line += ' ';
    line += word;
  };

  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const level = top();
    const prev = tokens[k - 1];
    if (t.kind === 'comment') {
      // On its own line, at the indentation of the line it precedes.
      const indent = line.trim() ? level.indent + 2 : line.length;
      newline(indent);
      line += t.text;
      newline(indent);
      continue;
    }
    if (t.text === '(') {
      const next = tokens[k + 1];
      const statement = next?.kind === 'word' && STATEMENTS.has(next.text);
      const space =
        prev !== undefined &&
        (prev.kind === 'word'
          ? KEYWORDS.has(prev.text.toLowerCase()) && !FUNCTIONS.has(prev.text)
          : prev.text === ',' || prev.text === '=');
      append('(', space || (prev?.kind === 'punct' && prev.text !== '(' && prev.text !== '::'));
      if (statement) {
        levels.push({ indent: level.indent + 4, statement: true, between: false, depth: 0 });
      } else {
        level.depth++;
      }
      continue;
    }
    if (t.text === ')') {
      if (level.depth > 0) {
        level.depth--;
        line += ')';
      } else if (levels.length > 1) {
        levels.pop();
        newline(top().indent + 2);
        line += ')';
      } else {
        line += ')';
      }
      continue;
    }
    if (t.text === ',') {
      line += ',';
      if (level.depth === 0 && level.clause && LISTS.has(level.clause)) newline(level.indent + 2);
      continue;
    }
    if (t.kind === 'word' && level.depth === 0) {
      const clause = clauseAt(tokens, k);
      // `IS [NOT] DISTINCT FROM` compares and `WITH ORDINALITY` qualifies: neither starts a clause.
      const starts =
        clause !== undefined &&
        !(clause === 'FROM' && prev?.text === 'DISTINCT') &&
        !(clause.startsWith('WITH') && level.clause !== undefined);
      if (clause && starts) {
        const span = clause.split(' ').length;
        newline(level.indent);
        line += clause;
        level.clause = clause;
        level.between = false;
        k += span - 1;
        if (LISTS.has(clause)) newline(level.indent + 2);
        continue;
      }
      if (t.text === 'ON' && level.clause && /JOIN/.test(level.clause)) {
        newline(level.indent + 2);
        line += 'ON';
        level.clause = 'ON';
        continue;
      }
      if (t.text === 'BETWEEN') level.between = true;
      if ((t.text === 'AND' || t.text === 'OR') && level.clause && CONDITIONS.has(level.clause)) {
        if (t.text === 'AND' && level.between) {
          level.between = false;
        } else {
          newline(level.indent + 2);
          line += t.text;
          continue;
        }
      }
    }
    const tight =
      prev === undefined ||
      prev.text === '(' ||
      prev.text === '.' ||
      prev.text === '::' ||
      t.text === '.' ||
      t.text === '::' ||
      t.text === '[' ||
      t.text === ']' ||
      prev.text === '[';
    append(t.text, !tight);
  }
  newline(0);
  return lines.join('\n');
}

/**
 * The host shell's command line: words with bash's quoting (single quotes, double quotes, backslash)
 * and `&&`, `||`, `;` between commands. No expansions: the host runs only Stagecraft's commands.
 */
export type Connector = '&&' | '||' | ';';

export interface CommandLineItem {
  words: string[];
  /** How this command is joined to the previous one (null for the first). */
  after: Connector | null;
}

export type CommandLineResult = { ok: true; items: CommandLineItem[] } | { ok: false; error: string };

export function parseCommandLine(text: string): CommandLineResult {
  const items: CommandLineItem[] = [];
  let words: string[] = [];
  let word: string | null = null;
  let after: Connector | null = null;
  const endWord = (): void => {
    if (word !== null) words.push(word);
    word = null;
  };
  const endCommand = (connector: Connector): string | null => {
    endWord();
    if (words.length === 0) return `bash: syntax error near unexpected token \`${connector}'`;
    items.push({ words, after });
    words = [];
    after = connector;
    return null;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'" || ch === '"') {
      const close = ch === "'" ? text.indexOf("'", i + 1) : closingDoubleQuote(text, i + 1);
      if (close === -1) return { ok: false, error: `bash: unexpected EOF while looking for matching \`${ch}'` };
      const inside = text.slice(i + 1, close);
      word = (word ?? '') + (ch === '"' ? inside.replace(/\\([$`"\\])/g, '$1') : inside);
      i = close;
    } else if (ch === '\\') {
      word = (word ?? '') + (text[i + 1] ?? '');
      i++;
    } else if (ch === ' ' || ch === '\t') endWord();
    else if (ch === ';' || ((ch === '&' || ch === '|') && text[i + 1] === ch)) {
      const connector = (ch === ';' ? ';' : `${ch}${ch}`) as Connector;
      const error = endCommand(connector);
      if (error !== null) return { ok: false, error };
      if (ch !== ';') i++;
    } else word = (word ?? '') + ch;
  }
  endWord();
  if (words.length > 0) items.push({ words, after });
  else if (after === '&&' || after === '||') return { ok: false, error: 'bash: syntax error: unexpected end of file' };
  return { ok: true, items };
}

function closingDoubleQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

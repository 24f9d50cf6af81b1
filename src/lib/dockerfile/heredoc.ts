/**
 * Heredoc detection as BuildKit's parser does it: the instruction line is split into raw words
 * with its shell lexer, and each word of the form `[fd]<<[-]WORD` opens a heredoc. Quoting any part
 * of WORD turns expansion of the body off.
 */
import { expandWord } from './expand.ts';

export interface HeredocHeader {
  name: string;
  fileDescriptor: number;
  expand: boolean;
  chomp: boolean;
}

const reHeredoc = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;
const noVars = (): undefined => undefined;
const quoteCount = (s: string): number => (s.match(/['"]/g) ?? []).length;

/** The heredoc a single word opens, or null (ParseHeredoc). */
export function heredocFromWord(word: string): HeredocHeader | null {
  const m = reHeredoc.exec(word);
  if (!m) return null;
  const rest = m[3] ?? '';
  if (rest === '') return null;
  const plain = expandWord(rest, noVars, { skipUnsetEnv: true });
  if (!plain.ok || plain.value.words.length !== 1) return null;
  const raw = expandWord(rest, noVars, { skipUnsetEnv: true, rawQuotes: true });
  if (!raw.ok) return null;
  const name = plain.value.words[0] as string;
  const rawName = raw.value.words[0] ?? '';
  return {
    name,
    fileDescriptor: Number(m[1] === '' ? 0 : m[1]),
    expand: quoteCount(name) === quoteCount(rawName),
    chomp: m[2] === '-',
  };
}

/** All heredocs opened on an instruction line, in order (heredocsFromLine). */
export function heredocsFromLine(line: string): HeredocHeader[] {
  const words = expandWord(line, noVars, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  if (!words.ok) return [];
  const docs: HeredocHeader[] = [];
  for (const w of words.value.words) {
    const h = heredocFromWord(w);
    if (h) docs.push(h);
  }
  return docs;
}

/** `<<-` bodies: leading tabs stripped from every line. */
export function chompHeredocContent(content: string): string {
  return content.replace(/^\t+/gm, '');
}

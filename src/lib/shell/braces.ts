/**
 * bash's brace expansion (`/app/{src,dist}`, `file{1..3}`), done before every other expansion. Only
 * bash has it: in dash and ash `{src,dist}` stays a literal name, a classic surprise in RUN lines.
 * Braces are recognised inside one unquoted literal piece of a word.
 */
import type { Word, WordPart } from './ast.ts';

/** The words a word becomes; [word] itself when it has no brace expression. */
export function expandBraces(word: Word): Word[] {
  for (const [index, part] of word.parts.entries()) {
    if (part.kind !== 'literal' || part.quoted) continue;
    const found = findBrace(part.text);
    if (found === undefined) continue;
    const before = part.text.slice(0, found.start);
    const after = part.text.slice(found.end + 1);
    return found.items.flatMap((item) => {
      const parts: WordPart[] = [...word.parts.slice(0, index), { kind: 'literal', text: before + item + after, quoted: false }, ...word.parts.slice(index + 1)];
      return expandBraces({ parts, raw: word.raw });
    });
  }
  return [word];
}

/** The first `{a,b}` or `{1..5}` / `{a..e}` in `text`, with its alternatives. */
function findBrace(text: string): { start: number; end: number; items: string[] } | undefined {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth > 0) continue;
        const body = text.slice(start + 1, i);
        if (commas.length > 0) {
          const cuts = [start, ...commas, i];
          return { start, end: i, items: cuts.slice(0, -1).map((cut, k) => text.slice(cut + 1, cuts[k + 1])) };
        }
        const range = sequence(body);
        if (range !== undefined) return { start, end: i, items: range };
        break;
      } else if (c === ',' && depth === 1) commas.push(i);
    }
  }
  return undefined;
}

/** `1..5`, `5..1`, `01..10`, `a..e`, `1..10..2`. */
function sequence(body: string): string[] | undefined {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (numeric !== null) {
    const [from, to] = [Number(numeric[1]), Number(numeric[2])];
    const step = Math.abs(Number(numeric[3] ?? 1)) || 1;
    const width = /^-?0\d/.test(numeric[1] as string) || /^-?0\d/.test(numeric[2] as string) ? Math.max((numeric[1] as string).length, (numeric[2] as string).length) : 0;
    const out: string[] = [];
    for (let n = from; from <= to ? n <= to : n >= to; n += from <= to ? step : -step) out.push(String(n).padStart(width, '0'));
    return out.length > 10_000 ? undefined : out;
  }
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
  if (letters === null) return undefined;
  const [a, b] = [(letters[1] as string).charCodeAt(0), (letters[2] as string).charCodeAt(0)];
  const out: string[] = [];
  for (let c = a; a <= b ? c <= b : c >= b; c += a <= b ? 1 : -1) out.push(String.fromCharCode(c));
  return out;
}

/**
 * A small Markdown-to-HTML converter for the simulated static-site generators: YAML front matter
 * (`key: value` lines), CommonMark's blocks as markdown-blocks.ts parses them, and inline code,
 * strong, emphasis, links, images and hard line breaks. Text is HTML-escaped.
 */
import { BlockParser, type Block } from './markdown-blocks.ts';

export interface MarkdownPage {
  /** Front matter as plain `key: value` strings (quotes removed). */
  matter: Record<string, string>;
  html: string;
  /** The text of the first level-1 heading, if any. */
  heading: string | undefined;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text: string): string {
  const codes: string[] = [];
  // a code span opens and closes with backtick runs of the same length; a run without its match is text
  const withoutCode = text.replace(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, (_m, _run: string, code: string) => {
    const flat = code.replace(/\u0001/g, '').replace(/\n/g, ' ');
    const inner = /^ [\s\S]* $/.test(flat) && flat.trim() !== '' ? flat.slice(1, -1) : flat;
    codes.push(`<code>${escapeHtml(inner)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  return escapeHtml(withoutCode)
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, '<img src="$2" alt="$1" />')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_m, a: string | undefined, b: string | undefined) => `<strong>${a ?? b ?? ''}</strong>`)
    .replace(/\*([^*]+)\*|\b_([^_]+)_\b/g, (_m, a: string | undefined, b: string | undefined) => `<em>${a ?? b ?? ''}</em>`)
    .replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)] ?? '');
}

function frontMatter(text: string): { matter: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (match === null) return { matter: {}, body: text };
  const matter: Record<string, string> = {};
  for (const line of (match[1] ?? '').split('\n')) {
    const kv = /^([\w-]+):\s*(.*)$/.exec(line);
    if (kv !== null) matter[kv[1] as string] = (kv[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
  }
  return { matter, body: text.slice(match[0].length) };
}

export function renderMarkdown(text: string): MarkdownPage {
  const { matter, body } = frontMatter(text);
  const parser = new BlockParser();
  for (const line of body.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')) parser.addLine(line);
  const root = parser.finish();
  const heading = root.children.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  return { matter, html: renderBlocks(root.children, false), heading };
}

/** HTML as league/commonmark writes it: one block per line, `<p>` left out in tight lists. */
function renderBlocks(blocks: readonly Block[], tight: boolean): string {
  return blocks.map((b) => renderBlock(b, tight)).join('');
}

function renderBlock(b: Block, tight: boolean): string {
  switch (b.kind) {
    case 'paragraph':
      return tight ? paragraphText(b.lines) : `<p>${paragraphText(b.lines)}</p>\n`;
    case 'heading':
      // a setext heading keeps its paragraph's lines (and their line breaks)
      return `<h${b.level ?? 1}>${b.lines.length > 0 ? paragraphText(b.lines) : inline(b.text ?? '')}</h${b.level ?? 1}>\n`;
    case 'rule':
      return '<hr />\n';
    case 'fence':
    case 'code': {
      const language = b.info?.split(/[ \t]+/)[0] ?? '';
      const attribute = language === '' ? '' : ` class="language-${escapeHtml(language)}"`;
      return `<pre><code${attribute}>${escapeHtml(b.lines.map((line) => `${line}\n`).join(''))}</code></pre>\n`;
    }
    case 'quote':
      return `<blockquote>\n${renderBlocks(b.children, false)}</blockquote>\n`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start !== 1 ? ` start="${b.start ?? 1}"` : '';
      return `<${tag}${start}>\n${b.children.map((item) => renderItem(item, b.tight ?? true)).join('')}</${tag}>\n`;
    }
    default:
      return renderBlocks(b.children, false);
  }
}

/**
 * An item as league/commonmark (HydePHP's Markdown) writes it: its blocks one per line, in a tight
 * list paragraphs as bare text; content that starts or ends with a tag gets a line break there.
 */
function renderItem(item: Block, tight: boolean): string {
  let contents = item.children.map((child) => renderBlock(child, tight).replace(/\n$/, '')).join('\n');
  if (contents.startsWith('<')) contents = `\n${contents}`;
  if (contents.endsWith('>')) contents = `${contents}\n`;
  return `<li>${contents}</li>\n`;
}

/** A paragraph's lines: trailing spaces dropped, two or more of them before a line break make a hard break. */
function paragraphText(lines: readonly string[]): string {
  const last = lines.length - 1;
  const marked = lines.map((line, i) => (i < last && / {2,}$/.test(line) ? `${line.trimEnd()}\u0001` : line.trimEnd()));
  return inline(marked.join('\n')).replace(/\u0001\n/g, '<br />\n');
}

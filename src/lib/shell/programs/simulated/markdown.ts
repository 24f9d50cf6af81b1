/**
 * A small Markdown-to-HTML converter for the simulated static-site generators: YAML front matter
 * (`key: value` lines), ATX headings, paragraphs, lists, block quotes, fenced code, rules, and inline
 * code, strong, emphasis, links and images. Text is HTML-escaped.
 */

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
  const withoutCode = text.replace(/`([^`]+)`/g, (_m, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  return escapeHtml(withoutCode)
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, '<img src="$2" alt="$1">')
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
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let heading: string | undefined;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = /^(```|~~~)\s*([\w-]*)/.exec(line);
    if (fence !== null) {
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] as string).startsWith(fence[1] as string); i++) code.push(lines[i] as string);
      i++;
      out.push(`<pre><code${fence[2] ? ` class="language-${fence[2]}"` : ''}>${escapeHtml(code.join('\n'))}\n</code></pre>`);
      continue;
    }
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h !== null) {
      const level = (h[1] as string).length;
      if (level === 1) heading ??= h[2];
      out.push(`<h${level}>${inline(h[2] ?? '')}</h${level}>`);
      i++;
      continue;
    }
    if (/^(\*\s*\*\s*\*|-\s*-\s*-|_\s*_\s*_)[\s*_-]*$/.test(line)) {
      out.push('<hr>');
      i++;
      continue;
    }
    const list = /^\s*([-*+]|\d+[.)])\s+/.exec(line);
    if (list !== null) {
      const ordered = /\d/.test(list[1] as string);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i] as string); i++) items.push(`<li>${inline((lines[i] as string).replace(/^\s*([-*+]|\d+[.)])\s+/, ''))}</li>`);
      out.push(`<${ordered ? 'ol' : 'ul'}>\n${items.join('\n')}\n</${ordered ? 'ol' : 'ul'}>`);
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      for (; i < lines.length && (lines[i] as string).startsWith('>'); i++) quoted.push((lines[i] as string).replace(/^>\s?/, ''));
      out.push(`<blockquote>\n${renderMarkdown(quoted.join('\n')).html}</blockquote>`);
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length && (lines[i] as string).trim() !== '' && !/^(#{1,6}\s|```|~~~|>|\s*([-*+]|\d+[.)])\s+)/.test(lines[i] as string); i++) paragraph.push((lines[i] as string).trim());
    // Every line that stops a paragraph is a block handled above, so the paragraph is never empty.
    out.push(`<p>${inline(paragraph.join('\n'))}</p>`);
  }
  return { matter, html: out.map((block) => `${block}\n`).join(''), heading };
}

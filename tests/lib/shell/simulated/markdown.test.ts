/**
 * The simulated site generators' Markdown against CommonMark. Every expected HTML text below is what
 * league/commonmark 2.3.9 (HydePHP's Markdown library; Debian 12's php-league-commonmark) renders
 * for the input; for the block-structure cases commonmark.js 0.31.2 (the reference implementation)
 * renders the same. Where the two differ, league's is followed: an item whose content starts or
 * ends with a tag gets a line break there. Outside the compared subset: raw HTML (the simulator
 * escapes it) and front matter (HydePHP reads it before CommonMark sees the page).
 */
import { describe, expect, test } from 'vitest';
import { renderMarkdown } from '../../../../src/lib/shell/programs/simulated/markdown.ts';

describe('block structure as CommonMark renders it', () => {
  test.each([
    ["a wrapped item line is a lazy continuation of its paragraph", "- a long item\nthat wraps\n- next\n", "<ul>\n<li>a long item\nthat wraps</li>\n<li>next</li>\n</ul>\n"],
    ["an indented continuation line belongs to the item", "- item\n  continued\n- b\n", "<ul>\n<li>item\ncontinued</li>\n<li>b</li>\n</ul>\n"],
    ["ordered items continue at their content column", "1. first\n   second line\n2. two\n", "<ol>\n<li>first\nsecond line</li>\n<li>two</li>\n</ol>\n"],
    ["a blank line between items makes the list loose", "- a\n\n- b\n", "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"],
    ["an item with two paragraphs", "- a\n\n  more\n- b\n", "<ul>\n<li>\n<p>a</p>\n<p>more</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"],
    ["nested lists by indentation", "- a\n  - b\n    - c\n- d\n", "<ul>\n<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n"],
    ["a new bullet character starts a new list; an ordered list keeps its first number", "* star\n+ plus\n\n3. three\n4. four\n", "<ul>\n<li>star</li>\n</ul>\n<ul>\n<li>plus</li>\n</ul>\n<ol start=\"3\">\n<li>three</li>\n<li>four</li>\n</ol>\n"],
    ["only a 1. interrupts a paragraph; a lazy line after it", "para\n2. not a list\n1. a list\nlazy\n", "<p>para\n2. not a list</p>\n<ol>\n<li>a list\nlazy</li>\n</ol>\n"],
    ["a fenced block inside an item", "1. a\n\n   ```sh\n   npm ci\n   ```\n2. b\n", "<ol>\n<li>\n<p>a</p>\n<pre><code class=\"language-sh\">npm ci\n</code></pre>\n</li>\n<li>\n<p>b</p>\n</li>\n</ol>\n"],
    ["block quote laziness, and a list inside a quote", "> quoted\ncontinued lazily\n\n> - in\n> - quote\n", "<blockquote>\n<p>quoted\ncontinued lazily</p>\n</blockquote>\n<blockquote>\n<ul>\n<li>in</li>\n<li>quote</li>\n</ul>\n</blockquote>\n"],
    ["setext headings, thematic breaks, indented code", "Text\n===\n\nSub\n---\n\n***\n\n    code\n", "<h1>Text</h1>\n<h2>Sub</h2>\n<hr />\n<pre><code>code\n</code></pre>\n"],
    ["tabs: an item after a tab, code after a tab", "-\ttab item\n\n\tindented code\n", "<ul>\n<li>\n<p>tab item</p>\n<p>indented code</p>\n</li>\n</ul>\n"],
    ["a hard line break, and code spans with backticks inside", "line one  \nline two\n\n``a ` b`` and ``` unmatched\n", "<p>line one<br />\nline two</p>\n<p><code>a ` b</code> and ``` unmatched</p>\n"],
    ["empty items and a list ending at a heading", "-\n- b\n# After\n", "<ul>\n<li></li>\n<li>b</li>\n</ul>\n<h1>After</h1>\n"],
  ])('%s', (_why, markdown, html) => {
    expect(renderMarkdown(markdown).html).toBe(html);
  });
});

describe('league/commonmark\'s list items', () => {
  test('content starting or ending with a tag is set on its own line', () => {
    expect(renderMarkdown('- **bold** first\n- ends with *em*\n- plain\n').html).toBe(
      '<ul>\n<li>\n<strong>bold</strong> first</li>\n<li>ends with <em>em</em>\n</li>\n<li>plain</li>\n</ul>\n',
    );
  });
});

describe('the page around the HTML', () => {
  test('front matter and the first level-1 heading', () => {
    expect(renderMarkdown('---\ntitle: "Hi"\n---\n\nIntro\n===\n\n# Later\n')).toEqual({ matter: { title: 'Hi' }, html: '<h1>Intro</h1>\n<h1>Later</h1>\n', heading: 'Intro' });
  });
});

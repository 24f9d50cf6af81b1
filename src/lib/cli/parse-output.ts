/**
 * How `stagecraft parse` shows a ParseResult: as stable JSON (golden tests compare it) or as text.
 * Arguments are shown exactly as BuildKit's parser splits them.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { ParseResult, SyntaxNode } from '../dockerfile/index.ts';

interface NodeJson {
  keyword: string;
  flags: string[];
  args?: string[];
  pairs?: { key: string; value: string; legacy: boolean }[];
  json: boolean;
  heredocs: { name: string; fd: number; expand: boolean; chomp: boolean; content: string }[];
  startLine: number;
  endLine: number;
  trigger?: NodeJson;
}

function nodeJson(n: SyntaxNode): NodeJson {
  const out: NodeJson = {
    keyword: n.keyword,
    flags: n.flags.map((f) => f.value),
    json: n.json,
    heredocs: n.heredocs.map((h) => ({ name: h.name, fd: h.fileDescriptor, expand: h.expand, chomp: h.chomp, content: h.content })),
    startLine: n.range.line,
    endLine: n.range.endLine,
  };
  if (n.pairs) out.pairs = n.pairs.map((p) => ({ key: p.key, value: p.value, legacy: p.legacy }));
  else if (!n.child) out.args = n.args.map((a) => a.value);
  if (n.child) out.trigger = nodeJson(n.child);
  return out;
}

function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = { severity: d.severity, code: d.code, message: d.message };
  if (d.range) Object.assign(out, d.range);
  return out;
}

export function parseJson(r: ParseResult): string {
  const doc = {
    directives: r.directives.map((d) => ({ name: d.name, value: d.value, line: d.range.line })),
    escapeToken: r.escapeToken,
    instructions: r.nodes.map(nodeJson),
    metaArgs: r.metaArgs.flatMap((a) => a.args.map((d) => d.key)),
    stages: r.stages.map((s) => ({
      index: s.index,
      name: s.name,
      baseImage: s.baseImage,
      startLine: s.range.line,
      endLine: s.range.endLine,
      instructions: s.instructions.length,
    })),
    diagnostics: r.diagnostics.map(diagnosticJson),
  };
  // One instruction / stage / diagnostic per line: golden files stay readable and diffs stay small.
  const list = (items: unknown[]): string =>
    items.length === 0 ? '[]' : `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  const body = Object.entries(doc)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${Array.isArray(v) ? list(v) : JSON.stringify(v)}`)
    .join(',\n');
  return `{\n${body}\n}\n`;
}

const q = (s: string): string => JSON.stringify(s);

function nodeText(n: SyntaxNode, indent: string): string[] {
  const lines = n.range.line === n.range.endLine ? `${n.range.line}` : `${n.range.line}-${n.range.endLine}`;
  const parts = [n.keyword.toUpperCase()];
  if (n.flags.length > 0) parts.push(`flags=[${n.flags.map((f) => q(f.value)).join(' ')}]`);
  if (n.pairs) parts.push(n.pairs.map((p) => `${q(p.key)}=${q(p.value)}${p.legacy ? ' (legacy)' : ''}`).join(' '));
  else if (!n.child) parts.push(`${n.json ? 'json' : 'args'}[${n.args.map((a) => q(a.value)).join(' ')}]`);
  const out = [`${indent}${`L${lines}`.padEnd(8)}${parts.join(' ')}`];
  for (const h of n.heredocs) {
    out.push(`${indent}        heredoc ${h.name}${h.chomp ? ' (-)' : ''}${h.expand ? '' : ' (no expansion)'}: ${q(h.content)}`);
  }
  if (n.child) out.push(...nodeText(n.child, indent + '  trigger '));
  return out;
}

export function diagnosticText(d: Diagnostic): string {
  const where = d.range ? `${d.range.line}:${d.range.column}` : '-';
  const lines = [`${d.severity} ${where} ${d.code}: ${d.message}`];
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  if (d.url) lines.push(`  see: ${d.url}`);
  return lines.join('\n');
}

export function parseText(r: ParseResult): string {
  const out: string[] = [];
  for (const d of r.directives) out.push(`# ${d.name}=${d.value}`);
  for (const n of r.nodes) out.push(...nodeText(n, ''));
  out.push('');
  for (const s of r.stages) {
    out.push(`stage ${s.index}${s.name === null ? '' : ` "${s.name}"`} FROM ${s.baseImage} (lines ${s.range.line}-${s.range.endLine})`);
  }
  if (r.diagnostics.length > 0) out.push('', ...r.diagnostics.map(diagnosticText));
  return out.join('\n') + '\n';
}

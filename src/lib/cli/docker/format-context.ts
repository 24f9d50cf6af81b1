/**
 * docker/cli's formatter.Context (cli/command/formatter/formatter.go) for list commands' `--format`:
 * `table TEMPLATE` (a header from the column names, cells aligned by tabwriter: min width 10,
 * padding 3), `json` (`{{json .}}` per row), or any Go template, one line per row.
 */
import { err, ok, type Result } from '../../diagnostics.ts';
import { executeTemplate, FUNCTION_NAMES, HEADER_FUNCTIONS, parseTemplate, STRING, type GoType } from './go-template/index.ts';

/** The rows' Go type: a pointer to a struct of string fields (docker's *formatter.xxxContext). */
export function contextType(name: string, fields: readonly string[]): GoType {
  return { kind: 'ptr', elem: { kind: 'struct', name, escapeHTML: true, fields: fields.map((f) => ({ name: f, json: f, type: STRING })) } };
}

/** Format.templateString(): without `table`, trimmed of spaces, `\t` and `\n` as written turned into tab and newline. */
function templateText(format: string): string {
  if (format === 'json') return '{{json .}}';
  const body = format.startsWith('table') ? format.slice('table'.length) : format;
  return body.replace(/^ +| +$/g, '').replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}

/** docker's tabwriter (Go's text/tabwriter): tab-terminated cells padded to their column's width. */
function tabwrite(text: string): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const widths: number[] = [];
  for (const cells of lines) cells.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 10, [...c].length + 3)));
  return lines.map((cells) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 10) - [...c].length + c.length))).join('')).join('\n');
}

/**
 * Renders `rows` (string fields by name) in `format`; `header` names each field's column. The error
 * is docker's message (a template that does not parse or fails on a row prints nothing).
 */
export function writeFormatted(format: string, type: GoType, rows: readonly Record<string, string>[], header: Readonly<Record<string, string>>): Result<string, string> {
  const parsed = parseTemplate(templateText(format), FUNCTION_NAMES);
  if (!parsed.ok) return err(`template parsing error: ${parsed.error}`);
  let body = '';
  for (const row of rows) {
    const r = executeTemplate(parsed.value, { type, data: row }, { missingKeyError: false });
    if (!r.ok) return err(`template parsing error: ${r.error}`);
    body += `${r.value}\n`;
  }
  if (!format.startsWith('table')) return ok(body);
  const headerType: GoType = { kind: 'map', name: 'map[string]string', elem: STRING };
  const head = executeTemplate(parsed.value, { type: headerType, data: header }, { missingKeyError: false, functions: HEADER_FUNCTIONS });
  return ok(tabwrite(`${head.ok ? head.value : ''}\n${body}`));
}

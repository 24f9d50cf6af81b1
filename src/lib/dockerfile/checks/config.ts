/** The `# check=skip=...;error=...;experimental=...` directive (BuildKit linter.ParseLintOptions). */
import type { CheckConfig, Directive } from '../types.ts';

const list = (v: string): string[] => v.split(',').map((s) => s.trim());

export function parseCheckOptions(value: string): CheckConfig {
  const config: CheckConfig = { skip: [], skipAll: false, error: false, experimental: [] };
  if (value.trim() === '') return config;
  for (const part of value.trim().split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip') {
      if (v === 'all') config.skipAll = true;
      else config.skip = list(v);
    } else if (key === 'experimental') config.experimental = list(v);
    else if (key === 'error') config.error = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
  }
  return config;
}

export function parseCheckConfig(directives: readonly Directive[]): CheckConfig {
  const d = directives.find((x) => x.name === 'check');
  return parseCheckOptions(d?.value ?? '');
}

/** Rules skipped by a `# check=skip=...` comment right above one instruction (only for it). */
export function skippedByComments(comments: readonly string[]): { all: boolean; ids: string[] } {
  const out = { all: false, ids: [] as string[] };
  for (const c of comments) {
    const m = /^check\s*=\s*(.+)$/i.exec(c);
    if (!m) continue;
    const cfg = parseCheckOptions(m[1] ?? '');
    out.all ||= cfg.skipAll;
    out.ids.push(...cfg.skip);
  }
  return out;
}

/**
 * A deliberately small TypeScript → JavaScript transform for the simulated `tsc`: it removes the
 * common, simple type syntax (annotations, interfaces, type aliases, `as` casts, generics on calls,
 * `import type`) line by line. It is not a compiler; its output is labelled simulated.
 */

/** Splits a parameter list at top-level commas. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if ('([{<'.includes(ch)) depth++;
    else if (')]}>'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** `a: string, b?: number = 2` → `a, b = 2`. */
function stripParams(list: string): string {
  return splitTopLevel(list)
    .map((param) => {
      const eq = param.indexOf('=');
      const head = eq === -1 ? param : param.slice(0, eq);
      const tail = eq === -1 ? '' : param.slice(eq);
      const name = /^(\s*(?:\.\.\.)?[\w$]+|\s*[{[][^:]*?[}\]])\??\s*:/.exec(head);
      const kept = name?.[1] ?? head.replace(/^(\s*)(?:public|private|protected|readonly)\s+/, '$1');
      return `${kept.replace(/\?$/, '')}${tail === '' ? '' : ` ${tail}`}`.replace(/\s+=\s+/, ' = ');
    })
    .join(',');
}

const PARAM_LISTS = [/(\bfunction\s*[\w$]*\s*)\(([^()]*)\)/g, /(\b[\w$]+\s*)\(([^()]*)\)(?=\s*(?::[^={]+)?\{)/g, /()\(([^()]*)\)(?=\s*(?::\s*[^=]+?)?\s*=>)/g];

function stripLine(line: string): string {
  let out = line;
  out = out.replace(/(import\s+[^{;]*?)\{([^}]*)\}/, (_, head: string, names: string) => `${head}{${names.split(',').filter((n) => !/^\s*type\s/.test(n)).join(',')}}`);
  for (const pattern of PARAM_LISTS) out = out.replace(pattern, (_, head: string, params: string) => `${head}(${stripParams(params)})`);
  out = out.replace(/\)\s*:\s*[\w$.<>[\]| ,'"]+?\s*(\{|=>)/g, ') $1');
  out = out.replace(/\b(const|let|var)\s+([\w$]+)\s*:\s*[^=;]+?\s*(=|;)/g, '$1 $2 $3');
  out = out.replace(/\s+as\s+(?:const|string|number|boolean|any|unknown|[A-Z][\w$.]*(?:<[^>]*>)?(?:\[\])?)\b/g, '');
  out = out.replace(/([\w$])<[\w$\s,.[\]|]*>(?=\()/g, '$1');
  out = out.replace(/^(\s*)(?:public|private|protected|readonly)\s+/, '$1');
  return out;
}

export function stripTypes(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let skipDepth = 0;
  for (const line of lines) {
    if (skipDepth > 0) {
      skipDepth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      continue;
    }
    if (/^\s*(export\s+)?(declare\s+)?interface\s/.test(line)) {
      skipDepth = (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      continue;
    }
    if (/^\s*import\s+type\s/.test(line) || /^\s*export\s+type\s*\{/.test(line)) continue;
    if (/^\s*(export\s+)?type\s+[\w$]+(<[^>]*>)?\s*=/.test(line)) {
      if (!line.trimEnd().endsWith(';') && /[{(]\s*$/.test(line)) skipDepth = 1;
      continue;
    }
    out.push(stripLine(line));
  }
  return out.join('\n');
}

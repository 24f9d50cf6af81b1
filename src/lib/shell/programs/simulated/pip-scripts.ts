/**
 * The console scripts pip writes for a distribution's entry points (`flask = flask.cli:main`), and
 * its warning when they land in a folder that is not on PATH (recorded from pip 23.2; pip 24 words
 * it the same).
 */

/** The text of a console script as pip (distlib) writes it: `#!python`, then a call of the entry point. */
export function consoleScript(python: string, entryPoint: string): string {
  const [module = '', attribute = ''] = entryPoint.split(':');
  const imported = attribute.split('.')[0] ?? attribute;
  return [
    `#!${python}`,
    '# -*- coding: utf-8 -*-',
    'import re',
    'import sys',
    `from ${module} import ${imported}`,
    "if __name__ == '__main__':",
    "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])",
    `    sys.exit(${attribute}())`,
    '',
  ].join('\n');
}

const normalize = (dir: string): string => dir.replace(/\/+$/, '') || '/';

/**
 * pip's warning for one distribution whose scripts went to `bin` while `bin` is neither on PATH nor
 * the interpreter's own folder; undefined when there is nothing to say. Lines are indented as pip
 * logs them while it installs.
 */
export function scriptsNotOnPath(names: readonly string[], bin: string, pathVar: string, python: string): string | undefined {
  const quiet = new Set([...pathVar.split(':').filter(Boolean).map(normalize), normalize(python.slice(0, python.lastIndexOf('/')))]);
  if (names.length === 0 || quiet.has(normalize(bin))) return undefined;
  const sorted = [...names].sort();
  const start = sorted.length === 1 ? `script ${sorted[0]} is` : `scripts ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]} are`;
  return (
    `  WARNING: The ${start} installed in '${bin}' which is not on PATH.\n` +
    '  Consider adding this directory to PATH or, if you prefer to suppress this warning, use --no-warn-script-location.\n'
  );
}

import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compileScss, formatScssError } from '../../../../src/lib/shell/programs/simulated/scss.ts';
import type { ScssSource } from '../../../../src/lib/shell/programs/simulated/scss.ts';
import { build, createBuildCache } from '../../../../src/lib/build/index.ts';
import { makeTree, nodeAt, run, textAt } from './harness.ts';

const noImports = (): undefined => undefined;
const css = (text: string, style: 'expanded' | 'compressed' = 'expanded', files: Record<string, string> = {}): string => {
  const r = compileScss({ path: 'main.scss', text }, style, (url) => {
    const path = Object.keys(files).find((p) => p === `${url}.scss` || p === `_${url}.scss`);
    return path === undefined ? undefined : { path, text: files[path] as string };
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('scss compiler', () => {
  test('variables, nesting with &, comments: expanded output groups what each top-level rule produced', () => {
    const source = [
      '// dropped',
      '/* kept */',
      '$accent: #0a7;',
      '$gap: 4px !default;',
      '$gap: 8px !default;',
      'nav {',
      '  margin: 0;',
      '  ul { padding: $gap; }',
      '  a { &:hover { color: $accent; } }',
      '}',
      'h1, h2 { font-weight: 600; }',
    ].join('\n');
    expect(css(source)).toBe(
      '/* kept */\nnav {\n  margin: 0;\n}\nnav ul {\n  padding: 4px;\n}\nnav a:hover {\n  color: #0a7;\n}\n\nh1, h2 {\n  font-weight: 600;\n}',
    );
    expect(css(source, 'compressed')).toBe('nav{margin:0}nav ul{padding:4px}nav a:hover{color:#0a7}h1,h2{font-weight:600}');
  });

  test('@media inside a rule bubbles out around the parent selector; interpolation in selectors and values', () => {
    const source = '$bp: 600px;\n$name: card;\n.#{$name} {\n  width: 100%;\n  @media (max-width: #{$bp}) { width: auto; }\n}\n';
    expect(css(source)).toBe('.card {\n  width: 100%;\n}\n@media (max-width: 600px) {\n  .card {\n    width: auto;\n  }\n}');
  });

  test('block-scoped variables do not leak; !global does', () => {
    expect(css('a { $c: red; color: $c; }\nb { $d: blue !global; color: $d; }\ni { color: $d; }')).toBe('a {\n  color: red;\n}\n\nb {\n  color: blue;\n}\n\ni {\n  color: blue;\n}');
    const leaked = compileScss({ path: 'main.scss', text: 'a { $c: red; }\nb { color: $c; }' }, 'expanded', noImports);
    expect(leaked.ok ? 'compiled' : formatScssError(leaked.error)).toBe('Error: Undefined variable.\n  ╷\n2 │ b { color: $c; }\n  │            ^^\n  ╵\n  main.scss 2:12  root stylesheet\n');
  });

  test('@use namespaces a partial\'s variables; @import shares them; a module\'s CSS is emitted once', () => {
    const files = { '_theme.scss': '$accent: teal;\n.theme { color: $accent; }\n' };
    expect(css('@use "theme";\n@use "theme";\nbody { color: theme.$accent; }', 'expanded', files)).toBe('.theme {\n  color: teal;\n}\n\nbody {\n  color: teal;\n}');
    expect(css('@import "theme";\nbody { color: $accent; }', 'compressed', files)).toBe('.theme{color:teal}body{color:teal}');
    expect(css('@import url(https://fonts.example/x.css);\na { b: c; }')).toBe('@import url(https://fonts.example/x.css);\n\na {\n  b: c;\n}');
  });

  test('errors as Dart Sass reports them; features beyond the simulation are flagged as such', () => {
    const missing = compileScss({ path: 'x.scss', text: 'a {\n  color: red;\n' }, 'expanded', noImports);
    expect(missing.ok ? null : [missing.error.message, missing.error.line, missing.error.unsupported]).toEqual(['expected "}".', 3, false]);
    const mixin = compileScss({ path: 'x.scss', text: '@mixin round { border-radius: 4px; }' }, 'expanded', noImports);
    expect(mixin.ok ? null : [mixin.error.message, mixin.error.unsupported]).toEqual([
      "@mixin is beyond Stagecraft's simulated Sass (variables, nesting, @media, @import and @use are simulated).",
      true,
    ]);
    // Expressions Sass would compute are flagged rather than copied through; CSS's own calc() is plain CSS.
    const math = compileScss({ path: 'x.scss', text: '$w: 4px;\na { width: $w * 2; b: darken(red, 5%); }' }, 'expanded', noImports);
    expect(math.ok ? null : [math.error.line, math.error.column, math.error.length, math.error.unsupported]).toEqual([2, 12, 6, true]);
    expect(css('a { width: calc(100% - 10px); font: 12px/1.5 serif; color: rgba(0, 0, 0, .5); }')).toBe('a {\n  width: calc(100% - 10px);\n  font: 12px/1.5 serif;\n  color: rgba(0, 0, 0, .5);\n}');
    const source: ScssSource = { path: 'x.scss', text: '@use "nope";' };
    const r = compileScss(source, 'expanded', noImports);
    expect(r.ok ? null : r.error.message).toBe("Can't find stylesheet to import.");
  });
});

describe('scss compiler robustness', () => {
  test('any token soup compiles to CSS or to an error value, in every style', () => {
    const unit = fc.constantFrom('a', '$x', ':', ';', '{', '}', ' ', '\n', '&', ',', '#{', '(', ')', '"', '/*', '*/', '//', '@media', '@use "m"', '@mixin', '1px');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), fc.constantFrom('expanded', 'compressed', 'nested', 'compact'), (text, style) => {
        const r = compileScss({ path: 'x.scss', text }, style, () => ({ path: 'm.scss', text: '$y: 1;' }));
        return r.ok ? typeof r.value === 'string' : r.error.line >= 1 && r.error.column >= 1;
      }),
    );
  });
});

describe('sass (Dart Sass CLI)', () => {
  const tree = () => makeTree({ files: { '/app/sass/main.scss': '$c: #333;\nbody { color: $c; }\n', '/app/sass/_part.scss': '$x: 1;\n', '/app/sass/pages/about.scss': 'p { margin: 0; }\n' } });

  test('sass in.scss out.css writes the CSS with a map comment and the map beside it, creating folders', () => {
    const r = run(tree(), ['sass', 'sass/main.scss', 'build/styles.css'], { cwd: '/app' });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(textAt(r.fs, '/app/build/styles.css')).toBe('body {\n  color: #333;\n}\n\n/*# sourceMappingURL=styles.css.map */\n');
    expect(JSON.parse(textAt(r.fs, '/app/build/styles.css.map') ?? '')).toEqual({ version: 3, sourceRoot: '', sources: ['../sass/main.scss'], names: [], mappings: '', file: 'styles.css' });
    expect(nodeAt(r.fs, '/app/build/styles.css')).toMatchObject({ origin: { simulated: true, by: 'sass' } });
    expect(r.effects.map((e) => e.by)).toEqual(['sass']);
  });

  test('--style=compressed --no-source-map; without an output the CSS goes to stdout', () => {
    const r = run(tree(), ['sass', '--style=compressed', '--no-source-map', 'sass/main.scss', 'out.css'], { cwd: '/app' });
    expect(textAt(r.fs, '/app/out.css')).toBe('body{color:#333}\n');
    expect(nodeAt(r.fs, '/app/out.css.map')).toBeUndefined();
    expect(run(tree(), ['sass', '-s', 'compressed', 'sass/main.scss'], { cwd: '/app' }).stdout).toBe('body{color:#333}\n');
  });

  test('npx sass fetches the package into the npx cache and compiles', () => {
    const r = run(tree(), ['npx', 'sass', '--no-source-map', 'sass/main.scss', 'out.css'], { cwd: '/app' });
    expect([r.status, textAt(r.fs, '/app/out.css'), r.effects.map((e) => e.by)]).toEqual([0, 'body {\n  color: #333;\n}\n', ['npx', 'sass']]);
    expect(nodeAt(r.fs, '/root/.npm/_npx/sass/node_modules/sass')).toMatchObject({ kind: 'dir' });
  });

  test('folder mode compiles every non-partial file', () => {
    const r = run(tree(), ['sass', '--no-source-map', 'sass:public/css'], { cwd: '/app' });
    expect([textAt(r.fs, '/app/public/css/main.css'), textAt(r.fs, '/app/public/css/pages/about.css'), nodeAt(r.fs, '/app/public/css/_part.css')]).toEqual([
      'body {\n  color: #333;\n}\n',
      'p {\n  margin: 0;\n}\n',
      undefined,
    ]);
  });

  test('a missing input, a Sass error, an unknown option: Dart Sass\'s messages and exit codes', () => {
    expect(Object.values(run(tree(), ['sass', 'sass/nope.scss', 'x.css'], { cwd: '/app' })).slice(0, 3)).toEqual([66, '', 'Error reading sass/nope.scss: no such file or directory.\n']);
    const bad = makeTree({ files: { '/app/a.scss': 'a { color: $missing; }\n' } });
    const r = run(bad, ['sass', 'a.scss', 'a.css'], { cwd: '/app' });
    expect([r.status, r.stderr]).toEqual([65, 'Error: Undefined variable.\n  ╷\n1 │ a { color: $missing; }\n  │            ^^^^^^^^\n  ╵\n  a.scss 1:12  root stylesheet\n']);
    // Dart Sass still writes the output: a stylesheet that shows the error on the page.
    const shown = textAt(r.fs, '/app/a.css') ?? '';
    expect(shown.split('\n').slice(0, 3)).toEqual(['/* Error: Undefined variable.', ' *   ╷', ' * 1 │ a { color: $missing; }']);
    expect(shown).toContain('body::before {');
    expect(shown).toContain('content: "Error: Undefined variable.\\a   ╷\\a 1 │ a { color: $missing; }');
    expect(nodeAt(run(bad, ['sass', '--no-error-css', 'a.scss', 'a.css'], { cwd: '/app' }).fs, '/app/a.css')).toBeUndefined();
    const opt = run(tree(), ['sass', '--bogus', 'sass/main.scss'], { cwd: '/app' });
    expect([opt.status, opt.stderr.split('\n')[0]]).toEqual([64, 'Could not find an option named "bogus".']);
  });
});

describe('sassc (LibSass)', () => {
  const source = '$w: 4px;\nnav {\n  margin: 0;\n  ul { padding: $w; }\n}\nh1, h2 { font-weight: 600; color: red; }\n';
  const tree = () => makeTree({ files: { '/src/main.scss': source, '/src/bad.scss': 'a {\n  color: $nope;\n}\n' } });

  test('nested is the default style; expanded, compact and compressed on request', () => {
    expect(run(tree(), ['sassc', 'main.scss'], { cwd: '/src' }).stdout).toBe('nav {\n  margin: 0; }\n  nav ul {\n    padding: 4px; }\n\nh1, h2 {\n  font-weight: 600;\n  color: red; }\n');
    expect(run(tree(), ['sassc', '-t', 'compact', 'main.scss'], { cwd: '/src' }).stdout).toBe('nav { margin: 0; }\nnav ul { padding: 4px; }\n\nh1, h2 { font-weight: 600; color: red; }\n');
    expect(run(tree(), ['sassc', '--style=compressed', 'main.scss'], { cwd: '/src' }).stdout).toBe('nav{margin:0}nav ul{padding:4px}h1,h2{font-weight:600;color:red}\n');
    const r = run(tree(), ['sassc', '-t', 'expanded', 'main.scss', 'out/site.css'], { cwd: '/src' });
    expect([r.status, textAt(r.fs, '/src/out/site.css'), nodeAt(r.fs, '/src/out/site.css.map')]).toEqual([0, 'nav {\n  margin: 0;\n}\nnav ul {\n  padding: 4px;\n}\n\nh1, h2 {\n  font-weight: 600;\n  color: red;\n}\n', undefined]);
  });

  test("LibSass's errors: an undefined variable, a missing file, a bad style", () => {
    const r = run(tree(), ['sassc', 'bad.scss'], { cwd: '/src' });
    expect([r.status, r.stderr]).toEqual([1, 'Error: Undefined variable: "$nope".\n        on line 2:10 of bad.scss\n>>   color: $nope;\n   ---------^\n']);
    expect(run(tree(), ['sassc', 'gone.scss'], { cwd: '/src' }).stderr).toBe('Error: File to read not found or unreadable: gone.scss\n');
    expect(run(tree(), ['sassc', '-t', 'pretty', 'main.scss'], { cwd: '/src' }).status).toBe(2);
  });

  test('apk add sassc on Alpine installs it with libsass, and a RUN compiles the stylesheet', () => {
    const dockerfile = 'FROM alpine:3.21\nWORKDIR /site\nRUN apk add --no-cache sassc\nCOPY main.scss .\nRUN sassc -t compressed main.scss site.css\n';
    const r = build({ dockerfile, context: { 'main.scss': { content: source } } }, createBuildCache());
    expect(r.ok).toBe(true);
    const files = r.image?.files ?? [];
    expect(['/usr/bin/sassc', '/usr/lib/libsass.so.1.0.0'].map((p) => files.find((f) => f.path === p)?.size)).toEqual([38912, 3135488]);
    expect(files.find((f) => f.path === '/site/site.css')?.content).toBe('nav{margin:0}nav ul{padding:4px}h1,h2{font-weight:600;color:red}\n');
  });
});

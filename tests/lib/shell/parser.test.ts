import { describe, expect, test } from 'vitest';
import type { CommandNode, List, Word } from '../../../src/lib/shell/ast.ts';
import { parseScript, syntaxErrorText } from '../../../src/lib/shell/index.ts';

/** A compact rendering of the tree, so each table row states the whole structure. */
function render(list: List): string {
  return list.items
    .map((ao) => [ao.first, ...ao.rest.map((r) => r.pipeline)]
      .map((p, i) => `${i > 0 ? `${ao.rest[i - 1]?.op} ` : ''}${p.negated ? '! ' : ''}${p.commands.map(command).join(' | ')}`)
      .join(' '))
    .join('; ');
}

const word = (w: Word): string => w.parts.map((p) => {
  switch (p.kind) {
    case 'literal': return p.quoted ? `'${p.text}'` : p.text;
    case 'param': return `\${${p.name}${p.op}${p.arg === undefined ? '' : word(p.arg)}}`;
    case 'length': return `\${#${p.name}}`;
    case 'command': return `$(${render(p.script)})`;
    case 'arith': return `$((${p.expr.raw}))`;
    case 'tilde': return `~${p.user}`;
  }
}).join('');

function command(c: CommandNode): string {
  const redirects = 'redirects' in c ? c.redirects.map((r) => ` ${r.fd}${r.op}${word(r.target)}${r.heredoc ? `[${word(r.heredoc.body)}]` : ''}`).join('') : '';
  switch (c.kind) {
    case 'simple': return `[${[...c.assignments.map((a) => `${a.name}=${word(a.value)}`), ...c.words.map(word)].join(' ')}${redirects}]`;
    case 'subshell': return `(${render(c.body)})${redirects}`;
    case 'group': return `{${render(c.body)}}${redirects}`;
    case 'if': return `if ${c.clauses.map((cl) => `${render(cl.condition)} then ${render(cl.body)}`).join(' elif ')}${c.elseBody ? ` else ${render(c.elseBody)}` : ''} fi${redirects}`;
    case 'for': return `for ${c.name} in ${c.items?.map(word).join(' ') ?? '"$@"'} do ${render(c.body)} done${redirects}`;
    case 'loop': return `${c.until ? 'until' : 'while'} ${render(c.condition)} do ${render(c.body)} done${redirects}`;
    case 'case': return `case ${word(c.word)} in ${c.items.map((i) => `${i.patterns.map(word).join('|')}) ${render(i.body)}`).join(';; ')} esac`;
    case 'function': return `${c.name}() ${command(c.body)}`;
  }
}

const parsed = (script: string): string => {
  const r = parseScript(script);
  if (!r.ok) throw new Error(syntaxErrorText(r.error.problem, 'gnu'));
  return render(r.script);
};

describe('parseScript: structure', () => {
  test.each([
    ['echo hello world', '[echo hello world]'],
    ['a && b || c; d', '[a] && [b] || [c]; [d]'],
    ['a | b | c', '[a] | [b] | [c]'],
    ['! a | b', '! [a] | [b]'],
    ['FOO=bar BAZ=1 cmd arg', '[FOO=bar BAZ=1 cmd arg]'],
    ['X=1', '[X=1]'],
    ['echo X=1', '[echo X=1]'],
    ["echo 'a b' \"c $d\" e\\ f", "[echo 'a b' 'c '${d} e' 'f]"],
    ['echo ${x:-def} ${#y} ${z%.*}', '[echo ${x:-def} ${#y} ${z%.*}]'],
    ['echo $(ls | wc -l) `pwd`', '[echo $([ls] | [wc -l]) $([pwd])]'],
    ['echo $((1 + 2))', '[echo $((1 + 2))]'],
    ['echo ~ ~node/x', '[echo ~ ~node/x]'],
    ['cmd > out 2>&1 < in >> log 2>/dev/null', '[cmd 1>out 2>&1 0<in 1>>log 2>/dev/null]'],
    ['cat <<EOF\nhi $x\nEOF', "[cat 0<<EOF['hi '${x}'\n']]"],
    ["cat <<'EOF'\nhi $x\nEOF", "[cat 0<<'EOF'['hi $x\n']]"],
    ['cat <<-EOF\n\tindented\n\tEOF', "[cat 0<<-EOF['indented\n']]"],
    ['(cd /tmp && ls)', '([cd /tmp] && [ls])'],
    ['{ a; b; } > f', '{[a]; [b]} 1>f'],
    ['if a; then b; elif c; then d; else e; fi', 'if [a] then [b] elif [c] then [d] else [e] fi'],
    ['for i in 1 2; do echo $i; done', 'for i in 1 2 do [echo ${i}] done'],
    ['for i; do :; done', 'for i in "$@" do [:] done'],
    ['while true; do :; done', 'while [true] do [:] done'],
    ['until false\ndo\n:\ndone', 'until [false] do [:] done'],
    ['case $x in a|b) one;; *) two;; esac', 'case ${x} in a|b) [one];; *) [two] esac'],
    ['f() { echo; }', 'f() {[echo]}'],
    ['echo a # comment', '[echo a]'],
    ['echo a \\\n  b', '[echo a b]'],
    ['echo if then fi', '[echo if then fi]'],
    ['a &&\n b', '[a] && [b]'],
    ['echo "$(echo "nested")"', "[echo $([echo 'nested'])]"],
  ])('%j', (script, expected) => {
    expect(parsed(script)).toBe(expected);
  });
});

describe('parseScript: syntax errors in dash and ash words', () => {
  test.each([
    ['if true; then', 1, 'Syntax error: end of file unexpected (expecting "fi")', 'syntax error: unexpected end of file (expecting "fi")'],
    ['while true; do', 1, 'Syntax error: end of file unexpected (expecting "done")', 'syntax error: unexpected end of file (expecting "done")'],
    ['fi', 1, 'Syntax error: "fi" unexpected', 'syntax error: unexpected "fi"'],
    ['echo a;;', 1, 'Syntax error: ";;" unexpected', 'syntax error: unexpected ";;"'],
    ['echo "abc', 1, 'Syntax error: Unterminated quoted string', 'syntax error: unterminated quoted string'],
    ['echo ok\n(echo a', 2, 'Syntax error: end of file unexpected (expecting ")")', 'syntax error: unexpected end of file (expecting ")")'],
    ['echo a |', 1, 'Syntax error: end of file unexpected', 'syntax error: unexpected end of file'],
    ['if; then :; fi', 1, 'Syntax error: ";" unexpected', 'syntax error: unexpected ";"'],
    ['{ echo', 1, 'Syntax error: end of file unexpected (expecting "}")', 'syntax error: unexpected end of file (expecting "}")'],
    ['echo ${', 1, "Syntax error: Missing '}'", "syntax error: missing '}'"],
    ['case x in', 1, 'Syntax error: end of file unexpected (expecting ")")', 'syntax error: unexpected end of file (expecting ")")'],
  ])('%j', (script, line, dash, ash) => {
    const r = parseScript(script);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(line);
    expect(syntaxErrorText(r.error.problem, 'gnu')).toBe(dash);
    expect(syntaxErrorText(r.error.problem, 'busybox')).toBe(ash);
  });
});

/**
 * Go's text/template as docker's --format runs it: parse errors, execution errors with their
 * location, fmt's printing of Go values, docker's extra functions. Expected texts are Go's.
 */
import { describe, expect, test } from 'vitest';
import { dynamic, executeTemplate, FUNCTION_NAMES, goDuration, goFloat, parseTemplate, unbox, type GoType, type Val } from '../../../../src/lib/cli/docker/go-template/index.ts';

const STRINGS: GoType = { kind: 'slice', name: '[]string', elem: { kind: 'string', name: 'string' } };
const TYPE: GoType = {
  kind: 'struct',
  name: 'test.Doc',
  fields: [
    { name: 'Name', json: 'Name', type: { kind: 'string', name: 'string' } },
    { name: 'Tags', json: 'Tags', type: STRINGS },
    { name: 'Labels', json: 'Labels', type: { kind: 'map', name: 'map[string]string', elem: { kind: 'string', name: 'string' } } },
    { name: 'Ports', json: 'Ports', type: { kind: 'map', name: 'map[string]struct {}', elem: { kind: 'struct', name: 'struct {}', fields: [] } } },
    { name: 'Size', json: 'Size', type: { kind: 'int', name: 'int64' } },
  ],
};
const DOC = { Name: 'web', Tags: ['a', 'b'], Labels: { z: '1', a: '2' }, Ports: { '80/tcp': {} }, Size: 42 };

function run(template: string, dot: Val = { type: TYPE, data: DOC }, missingKeyError = false): string {
  const parsed = parseTemplate(template, FUNCTION_NAMES);
  if (!parsed.ok) return `PARSE ${parsed.error}`;
  const r = executeTemplate(parsed.value, dot, { missingKeyError });
  return r.ok ? r.value : `EXEC ${r.error}`;
}
const raw = (template: string): string => run(template, unbox(dynamic(DOC)), true);

describe('printing Go values as fmt does', () => {
  test.each([
    ['{{.Name}}', 'web'],
    ['{{.Tags}}', '[a b]'],
    ['{{.Labels}}', 'map[a:2 z:1]'],
    ['{{.Ports}}', 'map[80/tcp:{}]'],
    ['{{.Size}}', '42'],
    ['{{.}}', '{web [a b] map[a:2 z:1] map[80/tcp:{}] 42}'],
    ['{{.Labels.missing}}', '<no value>'],
    ['{{index .Labels "missing"}}', ''],
    ['x{{/* a comment */}}y', 'xy'],
    ['a  {{- .Name -}}  b', 'awebb'],
    ['{{1.5}} {{1e6}} {{0.00001}} {{3}} {{0x10}} {{\'a\'}}', '1.5 1e+06 1e-05 3 16 97'],
    ['{{"q\\"uote"}} {{`raw`}}', 'q"uote raw'],
  ])('%s', (template, expected) => expect(run(template)).toBe(expected));

  test('nil slices and maps of a typed value print empty; in the raw map a null is <no value>', () => {
    const empty = { type: TYPE, data: { Name: '', Tags: null, Labels: null } };
    expect(run('{{.Tags}}|{{.Labels}}|{{.Ports}}|{{.Size}}|{{.Name}}', empty)).toBe('[]|map[]|map[]|0|');
    expect(run('{{.Tags}}', unbox(dynamic({ Tags: null })), true)).toBe('<no value>');
  });

  test('the raw map prints numbers as JSON text and nested objects as maps', () => {
    expect(raw('{{.Size}} {{.Ports}} {{.Labels}}')).toBe('42 map[80/tcp:map[]] map[a:2 z:1]');
  });

  test('float and duration formats', () => {
    expect([goFloat(1234567), goFloat(123456), goFloat(0.0001), goFloat(-2.5)]).toEqual(['1.234567e+06', '123456', '0.0001', '-2.5']);
    expect([0, 999, 1500, 2.5e6, 3e9, 90e9, 3723.5e9].map(goDuration)).toEqual(['0s', '999ns', '1.5µs', '2.5ms', '3s', '1m30s', '1h2m3.5s']);
  });
});

describe('control structures, variables and functions', () => {
  test.each([
    ['{{range .Tags}}{{println .}}{{end}}', 'a\nb\n'],
    ['{{range $i, $t := .Tags}}{{$i}}:{{$t}} {{end}}', '0:a 1:b '],
    ['{{range $k, $v := .Labels}}{{$k}}={{$v}},{{end}}', 'a=2,z=1,'],
    ['{{range .Labels.missing}}x{{else}}none{{end}}', 'none'],
    ['{{range .Tags}}{{if eq . "b"}}{{break}}{{end}}{{.}}{{end}}', 'a'],
    ['{{range .Tags}}{{if eq . "a"}}{{continue}}{{end}}{{.}}{{end}}', 'b'],
    ['{{if .Name}}named{{else}}anonymous{{end}}', 'named'],
    ['{{if not .Tags}}no{{else if eq .Name "web"}}web{{end}}', 'web'],
    ['{{with .Name}}[{{.}}]{{end}}', '[web]'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{$n := .Name}}{{$n}}-{{$n}}', 'web-web'],
    ['{{.Name | printf "%s!"}}', 'web!'],
    ['{{printf "%s has %d tags %v" .Name (len .Tags) .Tags}}', 'web has 2 tags [a b]'],
    ['{{print .Name 1 2 "x" 3}}', 'web1 2x3'],
    ['{{json .}}', '{"Name":"web","Tags":["a","b"],"Labels":{"a":"2","z":"1"},"Ports":{"80/tcp":{}},"Size":42}'],
    ['{{json .Tags}} {{json .Name}}', '["a","b"] "web"'],
    ['{{join .Tags ", "}} {{split "a:b:c" ":"}} {{upper .Name}} {{title "hello world"}} {{lower "ABC"}}', 'a, b [a b c] WEB Hello World abc'],
    ['[{{pad .Name 1 2}}] [{{truncate .Name 2}}]', '[ web  ] [we]'],
    ['{{index .Tags 1}} {{index .Labels "z"}} {{len .Labels}} {{len .Name}}', 'b 1 2 3'],
    ['{{and .Name .Tags}} {{or .Labels.missing "fallback"}} {{and "" .Name}}', '[a b] fallback '],
    ['{{lt 1 2}} {{ge .Size 42}} {{ne .Name "x"}} {{eq .Name "a" "web"}}', 'true true true true'],
  ])('%s', (template, expected) => expect(run(template)).toBe(expected));
});

describe("Go's error texts", () => {
  test.each([
    ['{{.Name', 'PARSE template: :1: unclosed action'],
    ['{{.Name}', "PARSE template: :1: bad character U+007D '}'"],
    ['{{foo .}}', 'PARSE template: :1: function "foo" not defined'],
    ['{{end}}', 'PARSE template: :1: unexpected {{end}}'],
    ['{{if .Name}}x', 'PARSE template: :1: unexpected EOF'],
    ['{{$x}}', 'PARSE template: :1: undefined variable "$x"'],
    ['{{}}', 'PARSE template: :1: missing value for command'],
    ['{{"abc}}', 'PARSE template: :1: unterminated quoted string'],
    ['{{(.Name}}', 'PARSE template: :1: unclosed left paren'],
    ['{{.Name)}}', 'PARSE template: :1: unexpected right paren'],
    ['{{break}}', 'PARSE template: :1: {{break}} outside {{range}}'],
    ['a\n{{.Name | 3}}', 'PARSE template: :2: non executable command in pipeline stage 2'],
    ['{{define "x"}}{{end}}', 'PARSE template: :1: {{define}} is not simulated by Stagecraft'],
  ])('%s', (template, expected) => expect(run(template)).toBe(expected));

  test('typed execution: a missing struct field cannot be evaluated', () => {
    expect(run('{{.Foo}}')).toBe('EXEC template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type test.Doc');
  });

  test.each([
    ['{{.Foo}}', 'template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"'],
    ['{{.Labels.Foo}}', 'template: :1:9: executing "" at <.Labels.Foo>: map has no entry for key "Foo"'],
    ['x\n  {{.Name.Foo}}', 'template: :2:9: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type interface {}'],
    ['{{index .Tags 5}}', 'template: :1:2: executing "" at <index .Tags 5>: error calling index: index out of range: 5'],
    ['{{index .Labels 1}}', 'template: :1:2: executing "" at <index .Labels 1>: error calling index: value has type int; should be string'],
    ['{{len 3}}', 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'],
    ['{{eq .Size 42}}', 'template: :1:2: executing "" at <eq .Size 42>: error calling eq: incompatible types for comparison'],
    ['{{upper .Size}}', 'template: :1:8: executing "" at <.Size>: wrong type for value; expected string; got json.Number'],
    ['{{index}}', 'template: :1:2: executing "" at <index>: wrong number of args for index: want at least 1 got 0'],
    ['{{.Name 1}}', 'template: :1:2: executing "" at <.Name>: Name is not a method but has arguments'],
    ['{{range .Name}}{{end}}', 'template: :1:8: executing "" at <.Name>: range can\'t iterate over web'],
    ['{{join .Name ","}}', 'template: :1:2: executing "" at <join .Name ",">: error calling join: expected slice, got string'],
    ['{{range $i, $e := 3}}{{end}}', 'template: :1:18: executing "" at <3>: can\'t use 3 to iterate over more than one variable'],
    ['{{nil}}', 'template: :1:2: executing "" at <nil>: nil is not a command'],
  ])('raw map, missingkey=error: %s', (template, expected) => expect(raw(template)).toBe(`EXEC ${expected}`));
});

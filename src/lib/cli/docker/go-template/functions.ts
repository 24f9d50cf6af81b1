/**
 * The functions a docker `--format` template can call: Go's text/template builtins (funcs.go) and
 * the ones docker/cli adds (templates/templates.go: json, split, join, title, lower, upper, pad,
 * truncate), with their parameter kinds and their error texts.
 */
import { err, ok, type Result } from '../../../diagnostics.ts';
import {
  element, fmtValue, goBool, goInt, goJson, goString, indirect, isObject, STRINGS, truth, typeName, unbox, valueTypeName,
  type GoValue, type Val,
} from './values.ts';

/**
 * How an argument is passed: `value` as reflect.Value (the invalid value stays invalid), `any` as
 * interface{} (invalid becomes nil), or converted to a Go `string` / `int`.
 */
export type ParamKind = 'value' | 'any' | 'string' | 'int';

export interface GoFunction {
  params: readonly ParamKind[];
  variadic?: ParamKind;
  call(args: readonly Val[]): Result<Val, string>;
}

const str = (v: Val): string => (v === null ? '' : String(v.data ?? ''));
const num = (v: Val): number => Number(v?.data ?? 0);

/** fmt.Sprint: spaces between operands when neither is a string. */
function sprint(args: readonly Val[]): string {
  const isString = (v: Val | undefined): boolean => v !== undefined && v !== null && v.type.kind === 'string';
  return args.map((a, i) => (i > 0 && !isString(a) && !isString(args[i - 1]) ? ' ' : '') + fmtValue(a)).join('');
}

/** fmt.Sprintf for the verbs people use in a format string: %v %s %d %q %t %%. */
function sprintf(format: string, args: readonly Val[]): string {
  let n = 0;
  const out = format.replace(/%([vsdqt%])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (n >= args.length) return `%!${verb}(MISSING)`;
    const a = args[n++] ?? null;
    const kind = a === null ? 'nil' : a.type.kind;
    if (verb === 'v' || (verb === 's' && kind === 'string')) return fmtValue(a);
    if (verb === 'd' && (kind === 'int' || kind === 'duration')) return String(a?.data ?? 0);
    if (verb === 't' && kind === 'bool') return fmtValue(a);
    if (verb === 'q' && kind === 'string') return JSON.stringify(str(a));
    return `%!${verb}(${a === null ? '<nil>' : `${valueTypeName(a)}=${fmtValue(a)}`})`;
  });
  const extra = args.slice(n);
  return extra.length === 0 ? out : `${out}%!(EXTRA ${extra.map((a) => (a === null ? '<nil>' : `${typeName(a.type)}=${fmtValue(a)}`)).join(', ')})`;
}

type Basic = 'bool' | 'int' | 'float' | 'string' | null;
function basicKind(v: Val): Basic {
  if (v === null) return null;
  switch (v.type.kind) {
    case 'bool':
      return 'bool';
    case 'int':
    case 'duration':
      return 'int';
    case 'float64':
      return 'float';
    case 'string':
      return 'string';
    default:
      return null;
  }
}

function equal(a: Val, b: Val): Result<boolean, string> {
  const [x, y] = [unbox(a), unbox(b)];
  const [kx, ky] = [basicKind(x), basicKind(y)];
  if (kx !== ky) return x !== null && y !== null ? err('incompatible types for comparison') : ok(false);
  if (kx === null) return x === null && y === null ? ok(true) : err('invalid type for comparison');
  return ok(String(x?.data) === String(y?.data));
}

function less(a: Val, b: Val): Result<boolean, string> {
  const [x, y] = [unbox(a), unbox(b)];
  const [kx, ky] = [basicKind(x), basicKind(y)];
  if (kx === null || ky === null || kx === 'bool') return err('invalid type for comparison');
  if (kx !== ky) return err('incompatible types for comparison');
  return ok(kx === 'string' ? str(x) < str(y) : num(x) < num(y));
}

const compare = (test: (a: Val, b: Val) => Result<boolean, string>): GoFunction => ({
  params: ['value', 'value'],
  call: ([a = null, b = null]) => {
    const r = test(a, b);
    return r.ok ? ok(goBool(r.value)) : r;
  },
});

function index(item: Val, indexes: readonly Val[]): Result<Val, string> {
  let cur = unbox(item);
  if (cur === null) return err('index of untyped nil');
  for (const raw of indexes) {
    const i = unbox(raw);
    const [target, isNil] = indirect(cur);
    if (isNil) return err('index of nil pointer');
    const t = target.type;
    if (t.kind === 'slice' || (t.kind === 'string' && t.name === 'string')) {
      if (i === null) return err('cannot index slice/array with nil');
      if (i.type.kind !== 'int') return err(`cannot index slice/array with type ${typeName(i.type)}`);
      const x = num(i);
      const items = t.kind === 'slice' ? (Array.isArray(target.data) ? target.data : []) : [...new TextEncoder().encode(str(target))];
      if (x < 0 || x >= items.length) return err(`index out of range: ${x}`);
      cur = t.kind === 'slice' ? element(t.elem, items[x]) : { type: { kind: 'int', name: 'uint8' }, data: items[x] };
    } else if (t.kind === 'map') {
      if (i !== null && !(i.type.kind === 'string' && i.type.name === 'string')) return err(`value has type ${typeName(i.type)}; should be string`);
      const key = str(i);
      const data = isObject(target.data) ? target.data : {};
      cur = key in data ? element(t.elem, data[key]) : { type: t.elem, data: null };
    } else return err(`can't index item of type ${typeName(t)}`);
  }
  return ok(cur);
}

function join(elems: Val, sep: string): Result<Val, string> {
  const v = unbox(elems);
  if (v === null) return ok(goString(''));
  const data = v.data;
  if (v.type.kind === 'slice') {
    const t = v.type;
    return ok(goString(Array.isArray(data) ? data.map((e) => fmtValue(unbox(element(t.elem, e)))).join(sep) : ''));
  }
  if (v.type.kind === 'map') {
    const t = v.type;
    const values = isObject(data) ? Object.values(data).map((e) => fmtValue(unbox(element(t.elem, e)))) : [];
    return ok(goString(values.sort().join(sep)));
  }
  return err(`expected slice, got ${typeName(v.type)}`);
}

function length(item: Val): Result<Val, string> {
  if (item === null) return err('reflect: call of reflect.Value.Type on zero Value');
  const [v, isNil] = indirect(item);
  if (isNil) return err('len of nil pointer');
  const d = v.data;
  switch (v.type.kind) {
    case 'string':
      return ok(goInt(new TextEncoder().encode(str(v)).length));
    case 'slice':
      return ok(goInt(Array.isArray(d) ? d.length : 0));
    case 'map':
      return ok(goInt(isObject(d) ? Object.keys(d).length : 0));
    default:
      return err(`len of type ${typeName(v.type)}`);
  }
}

const stringFunction = (f: (s: string) => string): GoFunction => ({ params: ['string'], call: ([s = null]) => ok(goString(f(str(s)))) });

/** strings.Title: the first letter of every word in upper case. */
const title = (s: string): string => s.replace(/(^|[^\p{L}\p{N}_'])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());

const notSimulated = (name: string): GoFunction => ({ params: [], variadic: 'any', call: () => err(`the template function ${name} is not simulated by Stagecraft`) });

/** and / or are evaluated lazily by the executor (they short-circuit); these are their signatures. */
export const SHORT_CIRCUIT = new Set(['and', 'or']);

export const FUNCTIONS: ReadonlyMap<string, GoFunction> = new Map<string, GoFunction>([
  ['and', { params: ['value'], variadic: 'value', call: (a) => ok(a.find((v) => !truth(v)) ?? a.at(-1) ?? null) }],
  ['or', { params: ['value'], variadic: 'value', call: (a) => ok(a.find((v) => truth(v)) ?? a.at(-1) ?? null) }],
  ['not', { params: ['value'], call: ([v = null]) => ok(goBool(!truth(unbox(v)))) }],
  ['len', { params: ['value'], call: ([v = null]) => length(v) }],
  ['index', { params: ['value'], variadic: 'value', call: ([item = null, ...rest]) => index(item, rest) }],
  ['print', { params: [], variadic: 'any', call: (a) => ok(goString(sprint(a))) }],
  ['println', { params: [], variadic: 'any', call: (a) => ok(goString(`${a.map((v) => fmtValue(v)).join(' ')}\n`)) }],
  ['printf', { params: ['string'], variadic: 'any', call: ([f = null, ...a]) => ok(goString(sprintf(str(f), a))) }],
  ['eq', {
    params: ['value'],
    variadic: 'value',
    call: ([a = null, ...rest]) => {
      if (rest.length === 0) return err('missing argument for comparison');
      for (const b of rest) {
        const r = equal(a, b);
        if (!r.ok) return r;
        if (r.value) return ok(goBool(true));
      }
      return ok(goBool(false));
    },
  }],
  ['ne', compare((a, b) => {
    const r = equal(a, b);
    return r.ok ? ok(!r.value) : r;
  })],
  ['lt', compare(less)],
  ['le', compare((a, b) => {
    const r = less(a, b);
    return !r.ok || r.value ? r : equal(a, b);
  })],
  ['gt', compare((a, b) => {
    const r = less(a, b);
    if (!r.ok || r.value) return r.ok ? ok(false) : r;
    const e = equal(a, b);
    return e.ok ? ok(!e.value) : e;
  })],
  ['ge', compare((a, b) => {
    const r = less(a, b);
    return r.ok ? ok(!r.value) : r;
  })],
  ['json', { params: ['any'], call: ([v = null]) => ok(goString(goJson(v))) }],
  ['split', { params: ['string', 'string'], call: ([s = null, sep = null]) => ok<GoValue>({ type: STRINGS, data: str(sep) === '' ? [...str(s)] : str(s).split(str(sep)) }) }],
  ['join', { params: ['any', 'string'], call: ([elems = null, sep = null]) => join(elems, str(sep)) }],
  ['title', stringFunction(title)],
  ['lower', stringFunction((s) => s.toLowerCase())],
  ['upper', stringFunction((s) => s.toUpperCase())],
  ['pad', { params: ['string', 'int', 'int'], call: ([s = null, p = null, q = null]) => ok(goString(str(s) === '' ? '' : `${' '.repeat(num(p))}${str(s)}${' '.repeat(num(q))}`)) }],
  ['truncate', { params: ['string', 'int'], call: ([s = null, n = null]) => ok(goString(str(s).length < num(n) ? str(s) : str(s).slice(0, num(n)))) }],
  ...['call', 'html', 'js', 'slice', 'urlquery'].map((name): [string, GoFunction] => [name, notSimulated(name)]),
]);

export const FUNCTION_NAMES: ReadonlySet<string> = new Set(FUNCTIONS.keys());

const firstArgument = (params: readonly ParamKind[]): GoFunction => ({ params, call: ([v = null]) => ok(v) });

/** docker's HeaderFunctions: a table's header keeps the column names these functions would change. */
export const HEADER_FUNCTIONS: ReadonlyMap<string, GoFunction> = new Map([
  ...FUNCTIONS,
  ['json', firstArgument(['string'])],
  ['split', firstArgument(['string', 'string'])],
  ['join', firstArgument(['string', 'string'])],
  ['title', firstArgument(['string'])],
  ['lower', firstArgument(['string'])],
  ['upper', firstArgument(['string'])],
  ['truncate', firstArgument(['string', 'int'])],
]);

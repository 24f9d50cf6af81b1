/**
 * Go values as a template sees them: JSON data seen through a Go type (the struct docker decodes
 * `inspect` into) or as `interface{}` (the map docker falls back to), printed as Go's fmt prints
 * them (`[a b]`, `map[k:v]`, `{...}`, `<nil>`) and encoded as encoding/json does.
 */

export type GoType =
  | { kind: 'string'; name: string }
  | { kind: 'int'; name: string }
  | { kind: 'float64' }
  | { kind: 'bool' }
  | { kind: 'duration' }
  | { kind: 'slice'; name: string; elem: GoType }
  | { kind: 'map'; name: string; elem: GoType }
  // escapeHTML: marshals as json.Marshal does a map[string]string (sorted, `<` as \u003c).
  | { kind: 'struct'; name: string; fields: readonly GoField[]; escapeHTML?: boolean }
  | { kind: 'ptr'; elem: GoType }
  | { kind: 'iface' };

/** A struct field; without `json` it is embedded (its fields are promoted, its data is the parent's). */
export interface GoField {
  name: string;
  json?: string;
  type: GoType;
}

/** `boxed`: read out of an interface{} container (errors then name the type `interface {}`). */
export interface GoValue {
  type: GoType;
  data: unknown;
  boxed?: boolean;
}

/** null is Go's invalid reflect.Value (`<no value>`). */
export type Val = GoValue | null;

export const STRING: GoType = { kind: 'string', name: 'string' };
export const INT: GoType = { kind: 'int', name: 'int' };
export const BOOL: GoType = { kind: 'bool' };
export const FLOAT: GoType = { kind: 'float64' };
export const IFACE: GoType = { kind: 'iface' };
export const STRINGS: GoType = { kind: 'slice', name: '[]string', elem: STRING };
const ANY_SLICE: GoType = { kind: 'slice', name: '[]interface {}', elem: IFACE };
const ANY_MAP: GoType = { kind: 'map', name: 'map[string]interface {}', elem: IFACE };
const NUMBER: GoType = { kind: 'string', name: 'json.Number' };

export const goString = (s: string): GoValue => ({ type: STRING, data: s });
export const goBool = (b: boolean): GoValue => ({ type: BOOL, data: b });
export const goInt = (n: number): GoValue => ({ type: INT, data: n });

export function typeName(t: GoType): string {
  switch (t.kind) {
    case 'float64':
    case 'bool':
      return t.kind;
    case 'duration':
      return 'time.Duration';
    case 'ptr':
      return `*${typeName(t.elem)}`;
    case 'iface':
      return 'interface {}';
    default:
      return t.name;
  }
}

/** The type an error names for a value (reflect's receiver.Type()). */
export const valueTypeName = (v: GoValue): string => (v.boxed === true ? 'interface {}' : typeName(v.type));

/** JSON data held in an interface{}, as encoding/json decodes it with UseNumber. */
export function dynamic(data: unknown): GoValue {
  if (typeof data === 'string') return { type: STRING, data, boxed: true };
  if (typeof data === 'number') return { type: NUMBER, data: String(data), boxed: true };
  if (typeof data === 'boolean') return { type: BOOL, data, boxed: true };
  if (Array.isArray(data)) return { type: ANY_SLICE, data, boxed: true };
  if (data !== null && typeof data === 'object') return { type: ANY_MAP, data, boxed: true };
  return { type: IFACE, data: null, boxed: true };
}

/** An element of a slice or map of element type `elem`. */
export const element = (elem: GoType, data: unknown): GoValue => (elem.kind === 'iface' ? dynamic(data) : { type: elem, data });

export const isObject = (data: unknown): data is Record<string, unknown> => data !== null && typeof data === 'object' && !Array.isArray(data);

/** Follows pointers and interfaces; a nil one stops the walk (reflect's indirect in exec.go). */
export function indirect(v: GoValue): [GoValue, boolean] {
  let cur = v;
  while (cur.type.kind === 'ptr' || cur.type.kind === 'iface') {
    if (cur.data === null || cur.data === undefined) return [cur, true];
    if (cur.type.kind === 'iface') return [dynamic(cur.data), false];
    cur = { type: cur.type.elem, data: cur.data };
  }
  return [cur, false];
}

/** A nil interface becomes the invalid value; anything else loses its box (indirectInterface). */
export const unbox = (v: Val): Val => (v === null ? null : v.type.kind === 'iface' ? (v.data === null ? null : dynamic(v.data)) : v.boxed === true ? { type: v.type, data: v.data } : v);

/** reflect's Type.FieldByName: own fields first, then those promoted from embedded structs. */
export function fieldByName(t: Extract<GoType, { kind: 'struct' }>, name: string): GoField[] | null {
  let level: GoField[][] = t.fields.map((f) => [f]);
  while (level.length > 0) {
    const hit = level.find((path) => path.at(-1)?.name === name);
    if (hit !== undefined) return hit;
    level = level.flatMap((path) => {
      const last = path.at(-1) as GoField;
      return last.json === undefined && last.type.kind === 'struct' ? last.type.fields.map((f) => [...path, f]) : [];
    });
  }
  return null;
}

export function fieldValue(data: unknown, path: readonly GoField[]): GoValue {
  let d = data;
  for (const f of path) if (f.json !== undefined) d = isObject(d) ? d[f.json] : undefined;
  const last = path.at(-1) as GoField;
  return last.type.kind === 'iface' ? dynamic(d ?? null) : { type: last.type, data: d ?? null };
}

/** Go's truth (isTrue in exec.go): zero values, empty and nil things are false. */
export function truth(v: Val): boolean {
  if (v === null) return false;
  const { type: t, data } = v;
  switch (t.kind) {
    case 'string':
      return typeof data === 'string' && data.length > 0;
    case 'slice':
      return Array.isArray(data) && data.length > 0;
    case 'map':
      return isObject(data) && Object.keys(data).length > 0;
    case 'bool':
      return data === true;
    case 'int':
    case 'float64':
    case 'duration':
      return typeof data === 'number' && data !== 0;
    case 'struct':
      return true;
    default:
      return data !== null && data !== undefined;
  }
}

/** strconv.FormatFloat(f, 'g', -1, 64), as fmt's %v prints a float64. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const [mantissa, e] = f.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

/** time.Duration's String(): 1h2m3.5s, 1.5ms, 0s. */
export function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const sign = ns < 0 ? '-' : '';
  const u = Math.abs(ns);
  const frac = (n: number): string => String(Number(n.toFixed(9)));
  if (u < 1e3) return `${sign}${u}ns`;
  if (u < 1e6) return `${sign}${frac(u / 1e3)}µs`;
  if (u < 1e9) return `${sign}${frac(u / 1e6)}ms`;
  const h = Math.floor(u / 3.6e12);
  const m = Math.floor((u % 3.6e12) / 6e10);
  const s = frac((u % 6e10) / 1e9);
  return `${sign}${h > 0 ? `${h}h` : ''}${h > 0 || m > 0 ? `${m}m` : ''}${s}s`;
}

const sortedKeys = (o: Record<string, unknown>): string[] => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** fmt's %v of a value (fmt.Fprint / fmt.Sprint). The invalid value is an untyped nil here. */
export function fmtValue(v: Val, depth = 0): string {
  if (v === null) return '<nil>';
  const { type: t, data } = v;
  switch (t.kind) {
    case 'string':
      return typeof data === 'string' ? data : '';
    case 'int':
      return String(data ?? 0);
    case 'float64':
      return goFloat(Number(data ?? 0));
    case 'bool':
      return String(data === true);
    case 'duration':
      return goDuration(Number(data ?? 0));
    case 'iface':
      return data === null || data === undefined ? '<nil>' : fmtValue(dynamic(data), depth);
    case 'slice':
      return `[${Array.isArray(data) ? data.map((e) => fmtValue(element(t.elem, e), depth + 1)).join(' ') : ''}]`;
    case 'map':
      return `map[${isObject(data) ? sortedKeys(data).map((k) => `${k}:${fmtValue(element(t.elem, data[k]), depth + 1)}`).join(' ') : ''}]`;
    case 'struct':
      return `{${t.fields.map((f) => fmtValue(fieldValue(data, [f]), depth + 1)).join(' ')}}`;
    case 'ptr':
      if (data === null || data === undefined) return '<nil>';
      // fmt prints a pointer's target only at the top; deeper it prints an address, which is arbitrary.
      return depth === 0 ? `&${fmtValue({ type: t.elem, data }, depth + 1)}` : '0xc000010000';
  }
}

/** What a template action prints (printableValue: a top-level pointer is followed). */
export function printValue(v: Val): string {
  if (v === null) return '<no value>';
  if (v.type.kind === 'ptr' && v.data !== null && v.data !== undefined) return fmtValue({ type: v.type.elem, data: v.data });
  return fmtValue(v);
}

/** encoding/json's string form; docker's `json` function sets EscapeHTML(false), json.Marshal escapes. */
function jsonString(s: string, escapeHTML = false): string {
  const out = JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return escapeHTML ? out.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : out;
}

function rawJson(data: unknown): string {
  if (Array.isArray(data)) return `[${data.map(rawJson).join(',')}]`;
  if (isObject(data)) return `{${sortedKeys(data).map((k) => `${jsonString(k)}:${rawJson(data[k])}`).join(',')}}`;
  return typeof data === 'string' ? jsonString(data) : JSON.stringify(data ?? null);
}

/** json.Marshal of a value: Go maps with sorted keys, structs in the order the data has them. */
export function goJson(v: Val): string {
  if (v === null) return 'null';
  const { type: t, data } = v;
  switch (t.kind) {
    case 'string':
      return t.name === 'json.Number' ? String(data) : jsonString(typeof data === 'string' ? data : '');
    case 'int':
    case 'float64':
    case 'duration':
      return JSON.stringify(data ?? 0);
    case 'bool':
      return String(data === true);
    case 'iface':
      return rawJson(data ?? null);
    case 'slice':
      return Array.isArray(data) ? `[${data.map((e) => goJson(element(t.elem, e))).join(',')}]` : 'null';
    case 'map':
      return isObject(data) ? `{${sortedKeys(data).map((k) => `${jsonString(k)}:${goJson(element(t.elem, data[k]))}`).join(',')}}` : 'null';
    case 'ptr':
      return data === null || data === undefined ? 'null' : goJson({ type: t.elem, data });
    case 'struct': {
      if (!isObject(data)) return t.fields.length === 0 ? '{}' : 'null';
      // docker's formatter contexts marshal themselves as a map of strings, through json.Marshal.
      if (t.escapeHTML === true) return `{${sortedKeys(data).map((k) => `${jsonString(k, true)}:${jsonString(String(data[k]), true)}`).join(',')}}`;
      const entries = Object.keys(data).map((k) => {
        const path = jsonPath(t, k);
        return `${jsonString(k)}:${path === null ? rawJson(data[k]) : goJson(fieldValue(data, path))}`;
      });
      return `{${entries.join(',')}}`;
    }
  }
}

function jsonPath(t: Extract<GoType, { kind: 'struct' }>, key: string): GoField[] | null {
  for (const f of t.fields) {
    if (f.json === key) return [f];
    if (f.json === undefined && f.type.kind === 'struct') {
      const inner = jsonPath(f.type, key);
      if (inner !== null) return [f, ...inner];
    }
  }
  return null;
}

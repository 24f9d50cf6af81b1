/**
 * Executes a parsed Go template over a value (src/text/template/exec.go, ported): fields of structs
 * and maps, variables, pipelines, functions, if / with / range / break / continue, and Go's error
 * texts with their location (`template: :1:9: executing "" at <.Config.Foo>: ...`).
 */
import { err, ok, type Result } from '../../../diagnostics.ts';
import { FUNCTIONS, SHORT_CIRCUIT, type GoFunction, type ParamKind } from './functions.ts';
import { nodeString, type AnyNode, type ArgNode, type ChainNode, type CommandNode, type ControlNode, type FieldNode, type NumberNode, type PipeNode, type Template, type TemplateNode, type VariableNode } from './parse.ts';
import {
  element, fieldByName, fieldValue, FLOAT, goBool, goInt, goString, indirect, isObject, printValue, truth, typeName, unbox, valueTypeName,
  type GoValue, type Val,
} from './values.ts';

export interface ExecOptions {
  /** Go's Option("missingkey=error"): a missing map key is an error instead of `<no value>`. */
  missingKeyError: boolean;
  /** The functions the template calls (docker swaps in HeaderFunctions for a table's header). */
  functions?: ReadonlyMap<string, GoFunction>;
}

/** The "no value yet" of a pipeline's first command (missingVal in exec.go). */
const MISSING = Symbol('missing');
type Final = Val | typeof MISSING;

class ExecError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}
class Break {}
class Continue {}

const RANGE_LIMIT = 10_000;
const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

class State {
  out = '';
  private node: AnyNode | null = null;
  private vars: { name: string; value: Val }[];
  private readonly template: Template;
  private readonly options: ExecOptions;

  constructor(template: Template, options: ExecOptions, dot: Val) {
    this.template = template;
    this.options = options;
    this.vars = [{ name: '$', value: dot }];
  }

  private at(node: AnyNode): void {
    this.node = node;
  }

  errorf(message: string): never {
    if (this.node === null) throw new ExecError(`template: : ${message}`);
    const before = this.template.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const column = utf8Length(nl === -1 ? before : before.slice(nl + 1));
    throw new ExecError(`template: :${line}:${column}: executing "" at <${nodeString(this.node)}>: ${message}`);
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]?.name === name) return this.vars[i]?.value ?? null;
    this.errorf(`undefined variable: ${name}`);
  }

  private setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v?.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walk(dot: Val, node: TemplateNode): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += printValue(value);
        return;
      }
      case 'text':
        this.out += node.text;
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'range':
        return this.walkRange(dot, node);
      default:
        return this.walkIfOrWith(dot, node);
    }
  }

  private walkIfOrWith(dot: Val, node: ControlNode): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    if (truth(unbox(value))) this.walk(node.type === 'with' ? value : dot, node.list);
    else if (node.elseList !== null) this.walk(dot, node.elseList);
    this.vars.length = mark;
  }

  private walkRange(dot: Val, node: ControlNode): void {
    this.at(node);
    const mark = this.vars.length;
    const piped = this.evalPipeline(dot, node.pipe);
    const [value] = piped === null ? [null] : indirect(piped);
    const inner = this.vars.length;
    const { decl, isAssign } = node.pipe;
    const iteration = (key: Val, elem: Val): void => {
      // One variable takes the element; two take the key (or index) and the element.
      const [first, second] = decl.map((v) => v.ident[0] ?? '');
      if (isAssign && first !== undefined) {
        this.setVar(first, second === undefined ? elem : key);
        if (second !== undefined) this.setVar(second, elem);
      } else if (first !== undefined) {
        (this.vars[inner - 1] as { value: Val }).value = elem;
        if (second !== undefined) (this.vars[inner - 2] as { value: Val }).value = key;
      }
      try {
        this.walk(elem, node.list);
      } catch (e) {
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.length = inner;
      }
    };
    let ran = false;
    try {
      if (value !== null && value.type.kind === 'slice' && Array.isArray(value.data)) {
        const t = value.type;
        value.data.forEach((e, i) => {
          ran = true;
          iteration(goInt(i), element(t.elem, e));
        });
      } else if (value !== null && value.type.kind === 'map' && isObject(value.data)) {
        const t = value.type;
        const data = value.data;
        for (const k of Object.keys(data).sort()) {
          ran = true;
          iteration(goString(k), element(t.elem, data[k]));
        }
      } else if (value !== null && value.type.kind === 'int') {
        // Go 1.22 ranges over an integer; a huge one (an image's Size) is beyond what a terminal can show.
        const n = Number(value.data ?? 0);
        if (decl.length > 1) this.errorf(`can't use ${n} to iterate over more than one variable`);
        if (n > RANGE_LIMIT) this.errorf(`range over ${n} is more than Stagecraft simulates (${RANGE_LIMIT})`);
        for (let i = 0; i < n; i++) {
          ran = true;
          iteration(null, goInt(i));
        }
      } else if (value !== null && value.type.kind !== 'slice' && value.type.kind !== 'map') {
        this.errorf(`range can't iterate over ${printValue(value)}`);
      }
    } catch (e) {
      if (!(e instanceof Break)) throw e;
    }
    if (!ran && node.elseList !== null) this.walk(dot, node.elseList);
    this.vars.length = mark;
  }

  evalPipeline(dot: Val, pipe: PipeNode): Val {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = unbox(this.evalCommand(dot, cmd, value));
    const result = value === MISSING ? null : value;
    for (const v of pipe.decl) {
      const name = v.ident[0] ?? '';
      if (pipe.isAssign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private notAFunction(args: readonly ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0] as ArgNode)}`);
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Final): Val {
    const first = cmd.args[0] as ArgNode;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first.ident, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return goBool(first.value);
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return goString(first.text);
    }
  }

  private idealConstant(n: NumberNode): Val {
    this.at(n);
    if (n.isFloat && !/^0[xX]/.test(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return { type: FLOAT, data: n.value };
    if (n.isInt) return goInt(n.value);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return null;
  }

  private evalFieldNode(dot: Val, field: FieldNode, args: readonly ArgNode[] | null, final: Final): Val {
    this.at(field);
    return this.evalFieldChain(dot, field.ident, args, final);
  }

  private evalChainNode(dot: Val, chain: ChainNode, args: readonly ArgNode[] | null, final: Final): Val {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, 'value', chain.node);
    return this.evalFieldChain(receiver, chain.field, args, final);
  }

  private evalVariableNode(variable: VariableNode, args: readonly ArgNode[] | null, final: Final): Val {
    this.at(variable);
    const value = this.varValue(variable.ident[0] ?? '');
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [], final);
      return value;
    }
    return this.evalFieldChain(value, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(receiver: Val, ident: readonly string[], args: readonly ArgNode[] | null, final: Final): Val {
    let r = receiver;
    ident.forEach((name, i) => {
      const last = i === ident.length - 1;
      r = this.evalField(name, last ? args : null, last ? final : MISSING, r);
    });
    return r;
  }

  private evalField(name: string, args: readonly ArgNode[] | null, final: Final, receiver: Val): Val {
    if (receiver === null) {
      if (this.options.missingKeyError) this.errorf(`nil data; no entry for key "${name}"`);
      return null;
    }
    const typ = valueTypeName(receiver);
    const [r, isNil] = indirect(receiver);
    if (r.type.kind === 'iface' && isNil) this.errorf(`nil pointer evaluating ${typ}.${name}`);
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    const t = r.type;
    if (t.kind === 'struct') {
      const path = fieldByName(t, name);
      if (path !== null) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return fieldValue(r.data, path);
      }
    } else if (t.kind === 'map') {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (isObject(r.data) && name in r.data) return element(t.elem, r.data[name]);
      if (this.options.missingKeyError) this.errorf(`map has no entry for key "${name}"`);
      return null;
    } else if (t.kind === 'ptr' && isNil && (t.elem.kind !== 'struct' || fieldByName(t.elem, name) !== null)) {
      this.errorf(`nil pointer evaluating ${typ}.${name}`);
    }
    this.errorf(`can't evaluate field ${name} in type ${typ}`);
  }

  private evalFunction(dot: Val, name: string, ident: AnyNode, node: AnyNode, args: readonly ArgNode[] | null, final: Final): Val {
    this.at(ident);
    const fn = (this.options.functions ?? FUNCTIONS).get(name) as GoFunction;
    return this.evalCall(dot, fn, node, name, args, final);
  }

  private evalCall(dot: Val, fn: GoFunction, node: AnyNode, name: string, allArgs: readonly ArgNode[] | null, final: Final): Val {
    const args = allArgs === null ? [] : allArgs.slice(1);
    const numIn = args.length + (final === MISSING ? 0 : 1);
    const numFixed = fn.params.length;
    if (fn.variadic !== undefined) {
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== numFixed) this.errorf(`wrong number of args for ${name}: want ${numFixed} got ${numIn}`);
    const kindAt = (i: number): ParamKind => fn.params[i] ?? fn.variadic ?? 'any';
    const argv: Val[] = [];
    if (SHORT_CIRCUIT.has(name)) {
      for (const arg of args) {
        const v = this.evalArg(dot, 'value', arg);
        argv.push(v);
        if (truth(unbox(v)) === (name === 'or')) return v;
      }
      if (final !== MISSING) argv.push(final);
    } else {
      args.forEach((arg, i) => argv.push(this.evalArg(dot, kindAt(i), arg)));
      if (final !== MISSING) argv.push(this.validateType(final, kindAt(numIn - 1)));
    }
    const result = fn.call(argv);
    if (!result.ok) {
      this.at(node);
      this.errorf(`error calling ${name}: ${result.error}`);
    }
    return result.value;
  }

  private validateType(value: Val, kind: ParamKind): Val {
    if (kind === 'value') return value;
    if (value === null) {
      if (kind === 'any') return { type: { kind: 'iface' }, data: null };
      this.errorf(`invalid value; expected ${kind}`);
    }
    if (kind === 'any') return value;
    const v = unbox(value) as GoValue;
    if (kind === 'string' && v.type.kind === 'string' && v.type.name === 'string') return v;
    if (kind === 'int' && v.type.kind === 'int' && v.type.name === 'int') return v;
    this.errorf(`wrong type for value; expected ${kind}; got ${typeName(v.type)}`);
  }

  private evalArg(dot: Val, kind: ParamKind, n: ArgNode): Val {
    this.at(n);
    switch (n.type) {
      case 'dot':
        return this.validateType(dot, kind);
      case 'nil':
        if (kind === 'value' || kind === 'any') return kind === 'any' ? { type: { kind: 'iface' }, data: null } : null;
        this.errorf(`cannot assign nil to ${kind}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), kind);
      case 'variable':
        return this.validateType(this.evalVariableNode(n, null, MISSING), kind);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), kind);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n.ident, n, n, null, MISSING), kind);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), kind);
    }
    if (kind === 'string') {
      if (n.type === 'string') return goString(n.text);
      this.errorf(`expected string; found ${nodeString(n)}`);
    }
    if (kind === 'int') {
      if (n.type === 'number' && n.isInt) return goInt(n.value);
      this.errorf(`expected integer; found ${nodeString(n)}`);
    }
    switch (n.type) {
      case 'bool':
        return goBool(n.value);
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return goString(n.text);
    }
  }
}

/** Runs `template` with `dot` as its data; the error is Go's message for the first failure. */
export function executeTemplate(template: Template, dot: Val, options: ExecOptions): Result<string, string> {
  const state = new State(template, options, dot);
  try {
    state.walk(dot, template.root);
    return ok(state.out);
  } catch (e) {
    if (e instanceof ExecError) return err(e.message);
    throw e;
  }
}

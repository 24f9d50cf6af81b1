/**
 * parseDockerfile: text → syntax nodes → typed instructions → meta ARGs and stages → checks.
 * Never throws; every problem is a Diagnostic.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { ArgInstruction, FromInstruction, Instruction, ParseResult, Stage } from './types.ts';
import { parseSyntax } from './syntax.ts';
import { typeInstruction } from './instructions.ts';
import { parseError } from './parse-errors.ts';
import { cover } from './source-map.ts';
import { parseCheckConfig, runChecks, type CheckOptions } from './checks/index.ts';

export interface ParseOptions extends CheckOptions {
  /** Run the build checks (default true). */
  checks?: boolean;
}

function stageOf(from: FromInstruction, index: number): Stage {
  return {
    index,
    name: from.stageName ? from.stageName.value.toLowerCase() : null,
    baseImage: from.image.value,
    baseRange: from.image.range,
    from,
    instructions: [],
    range: from.range,
  };
}

export function parseDockerfile(text: string, options: ParseOptions = {}): ParseResult {
  const syntax = parseSyntax(text);
  const diagnostics: Diagnostic[] = [...syntax.diagnostics];
  const instructions: Instruction[] = [];
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const node of syntax.nodes) {
    const typed = typeInstruction(node);
    diagnostics.push(...typed.diagnostics);
    const partial = typed.partial;
    if (partial?.keyword === 'FROM') {
      // Even a FROM with errors opens a stage, so the lines under it are not reported again.
      const stage = stageOf(partial, stages.length);
      if (typed.instruction === null) stage.name = null;
      stages.push(stage);
      if (typed.instruction) instructions.push(typed.instruction);
      continue;
    }
    const instr = typed.instruction;
    if (!instr) continue;
    const current = stages[stages.length - 1];
    if (!current) {
      if (instr.keyword === 'ARG') {
        metaArgs.push(instr);
        instructions.push(instr);
      } else {
        diagnostics.push(parseError('no-stage', 'no build stage in current context', instr.range));
      }
      continue;
    }
    current.instructions.push(instr);
    current.range = cover(current.range, instr.range);
    instructions.push(instr);
  }
  const result: ParseResult = {
    directives: syntax.directives,
    escapeToken: syntax.escapeToken,
    checkConfig: parseCheckConfig(syntax.directives),
    nodes: syntax.nodes,
    instructions,
    metaArgs,
    stages,
    diagnostics,
    ok: true,
  };
  if (options.checks !== false) {
    diagnostics.push(...runChecks({ result, emptyContinuations: syntax.emptyContinuations }, options));
  }
  diagnostics.sort((a, b) => (a.range?.line ?? 0) - (b.range?.line ?? 0) || (a.range?.column ?? 0) - (b.range?.column ?? 0));
  result.ok = diagnostics.every((d) => d.severity !== 'error');
  return result;
}

/**
 * Dockerfile front end: text in, typed instructions with source ranges and diagnostics out.
 *
 * Which arguments BuildKit expands with the stage's variables (ENV + ARGs in scope, values from
 * *before* the instruction), so the engine expands exactly these with `expandWord`:
 * - ENV, LABEL: keys and values (`pairs[].key`, `pairs[].value`).
 * - ARG: keys and default values (defaults of meta ARGs with earlier meta ARGs + platform args).
 * - ADD, COPY: `sources`, `dest`, `--chown`, `--chmod`, ADD `--checksum`; heredoc source bodies when
 *   `expand` is true, with `{ skipProcessQuotes: true }` and the default `\` escape. NOT `--from`:
 *   a variable there is the error `variable expansion is not supported for --from, ...`.
 * - WORKDIR `path`, USER `user`, VOLUME `paths`, STOPSIGNAL `signal`.
 * - EXPOSE: each port expanded, then split into words (`Expansion.words`).
 * - RUN: `--mount` option values (the command itself is expanded by the shell at run time).
 * - FROM: image and `--platform`, with the meta ARGs only (+ automatic platform args).
 * Never expanded by the builder: RUN/CMD/ENTRYPOINT command text, SHELL, HEALTHCHECK, MAINTAINER,
 * ONBUILD (expanded when the trigger runs), RUN heredoc bodies.
 * Pass the Dockerfile's `escapeToken` as `options.escapeToken` (except for COPY/ADD heredoc bodies).
 */
export type * from './types.ts';
export { parseDockerfile, type ParseOptions } from './parse.ts';
export {
  expandWord,
  referencedNames,
  type ExpandOptions,
  type Expansion,
  type ExpansionError,
  type Variables,
} from './expand.ts';
export { chompHeredocContent } from './heredoc.ts';
export { formatBuildkitError } from './parse-errors.ts';
export { goQuote } from './go-quote.ts';
export { suggest, withSuggestion } from './suggest.ts';
export { checkRules, runChecks, type CheckOptions, type CheckRule } from './checks/index.ts';
export { INSTRUCTION_FLAGS, KEYWORDS } from './instructions.ts';

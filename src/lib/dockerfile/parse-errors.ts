/**
 * The parser's diagnostics: BuildKit's message (passed in by the caller, built from BuildKit's format
 * strings), our stable code, and a teaching hint per code kept here as data.
 */
import type { Diagnostic, SourceRange } from '../diagnostics.ts';
import type { ParseErrorCode } from './types.ts';

const hints: Record<ParseErrorCode, string> = {
  'empty-file': 'A Dockerfile needs at least one instruction, usually starting with FROM.',
  'line-too-long': 'Split the line with the escape character at the end of each part.',
  'unknown-instruction': 'Each line must start with one of the 18 Dockerfile instructions (FROM, RUN, COPY, ...).',
  'no-stage': 'Every instruction except ARG belongs to a build stage, and a stage starts with FROM. Move it below a FROM line.',
  'unterminated-heredoc': 'A heredoc body ends at a line that holds only its delimiter word (e.g. EOF). Add that line.',
  'heredoc-as-destination': 'A heredoc can only be a source. Put the destination path last.',
  'directive-repeated': 'Each parser directive may appear once, in the comments at the very top of the file.',
  'invalid-escape-token': 'Only \\ (the default) and ` (handy on Windows) can be the escape character.',
  'json-not-strings': 'In exec (JSON) form every element must be a string in double quotes, e.g. ["npm", "start"].',
  'env-needs-two-args': 'Write it as key=value (e.g. ENV PORT=8080).',
  'missing-equals': 'When one pair uses key=value, every word must: quote values that contain spaces, e.g. KEY="a b".',
  'blank-name': 'The part before = is the name and cannot be empty.',
  'argument-count': 'This instruction was given the wrong number of arguments; check its form in the reference.',
  'from-arguments': 'FROM takes an image and optionally AS and a stage name: FROM image[:tag] [AS name].',
  'invalid-stage-name': 'Stage names start with a letter and use only letters, digits, -, _ and . (they are lower-cased).',
  'flag-unknown': 'This instruction does not have that option; check the spelling.',
  'flag-duplicate': 'Give this option once.',
  'flag-missing-value': 'This option needs a value: --name=value, with no space around =.',
  'flag-not-boolean': 'A yes/no option is written --name, --name=true or --name=false.',
  'flag-invalid-value': 'The option has a value it does not accept.',
  'onbuild-chaining': 'ONBUILD registers one trigger for images built FROM this one; triggers cannot register triggers.',
  'onbuild-trigger-not-allowed': 'FROM and MAINTAINER cannot be deferred with ONBUILD.',
  'shell-not-json': 'SHELL only takes the exec (JSON) form, e.g. SHELL ["/bin/bash", "-c"].',
  'healthcheck-invalid': 'Use HEALTHCHECK [options] CMD command, or HEALTHCHECK NONE to disable the inherited check.',
  'volume-empty': 'Give each volume a path.',
};

export function parseError(code: ParseErrorCode, message: string, range: SourceRange | undefined): Diagnostic {
  const d: Diagnostic = { severity: 'error', code, message, hint: hints[code] };
  if (range) d.range = range;
  return d;
}

/** BuildKit's outer wrapper, for printers that show errors the way `docker build` does. */
export function formatBuildkitError(d: Diagnostic): string {
  return d.range ? `dockerfile parse error on line ${d.range.line}: ${d.message}` : d.message;
}

/**
 * Docker's own build checks (BuildKit frontend/dockerfile/linter/ruleset.go), with BuildKit's
 * messages. Those that need a real build (CopyIgnoredFile, InvalidBaseImagePlatform) live in the engine.
 */
import type { CheckRule, Finding } from './rule.ts';
import { dockerDocs } from './rule.ts';
import type { Instruction, Stage } from '../types.ts';
import { goQuote } from '../go-quote.ts';
import { suggest } from '../suggest.ts';
import { expandWord, referencedNames } from '../expand.ts';
import { BUILTIN_ARGS, metaArgKeys, parentStage } from './stage-scope.ts';
import { isValidReference } from './image-reference.ts';

const rule = (id: string, description: string, hint: string, check: CheckRule['check']): CheckRule => ({
  id,
  description,
  url: dockerDocs(id),
  hint,
  check,
});

const isConsistent = (s: string): boolean => s === s.toLowerCase() || s === s.toUpperCase();
// BuildKit's regexps `(?i)(?:_|^)(?:token)(?:_|$)`, i.e. some `_`-separated part of the name is a token.
const secretWords = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
const allowedWords = new Set(['public', 'file', 'version']);
const looksSecret = (key: string): boolean => {
  const parts = key.toLowerCase().split('_');
  return parts.some((p) => secretWords.has(p)) && !parts.some((p) => allowedWords.has(p));
};

/** Instruction keyword names per stage, FROM first, as BuildKit's casing check sees them. */
function stageKeywords(stage: Stage): { written: string; range: Instruction['range'] }[] {
  return [stage.from, ...stage.instructions].map((i) => ({ written: i.written, range: i.range }));
}

/** The words of an instruction that BuildKit expands with the stage environment (instructions/commands.go Expand). */
function expandedWords(i: Instruction): string[] {
  switch (i.keyword) {
    case 'ENV':
    case 'LABEL':
      return i.pairs.flatMap((p) => [p.key, p.value]);
    case 'ADD':
    case 'COPY': {
      const words = [...i.sources.map((s) => s.value), i.dest.value];
      if (i.chown) words.push(i.chown.value);
      if (i.chmod) words.push(i.chmod.value);
      if (i.keyword === 'ADD' && i.checksum) words.push(i.checksum.value);
      return words;
    }
    case 'WORKDIR':
      return [i.path.value];
    case 'USER':
      return [i.user.value];
    case 'VOLUME':
      return i.paths.map((p) => p.value);
    case 'STOPSIGNAL':
      return [i.signal.value];
    case 'ARG':
      return i.args.flatMap((a) => (a.value === undefined ? [a.key] : [a.key, a.value]));
    default:
      return [];
  }
}

export const buildkitRules: readonly CheckRule[] = [
  rule('StageNameCasing', 'Stage names should be lowercase',
    'Stage names are lower-cased anyway; writing them in lower case avoids surprises in FROM and --target.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] => {
        const name = s.from.stageName?.value;
        return name !== undefined && name !== name.toLowerCase()
          ? [{ message: `Stage name '${name}' should be lowercase`, range: s.from.range }]
          : [];
      })),
  rule('FromAsCasing', "The 'as' keyword should match the case of the 'from' keyword",
    'Write FROM ... AS or from ... as, in the same case.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] => {
        const as = s.from.as?.value;
        const from = s.from.written;
        if (as === undefined || !isConsistent(from)) return [];
        const match = from === from.toLowerCase() ? as === as.toLowerCase() : as === as.toUpperCase();
        return match ? [] : [{ message: `'${as}' and '${from}' keywords' casing do not match`, range: s.from.range }];
      })),
  rule('NoEmptyContinuation', 'Empty continuation lines will become errors in a future release',
    'Remove the empty line: a line ending in the escape character continues onto the next non-empty line.',
    ({ emptyContinuations }) => emptyContinuations.map((range) => ({ message: 'Empty continuation line', range }))),
  rule('ConsistentInstructionCasing',
    'All commands within the Dockerfile should use the same casing (either upper or lower)',
    'Instructions are case-insensitive, but one casing throughout is easier to read; upper case is the convention.',
    ({ result }) => {
      const all = result.stages.flatMap(stageKeywords);
      let lower = 0;
      let upper = 0;
      for (const k of all) {
        if (!isConsistent(k.written)) continue;
        if (k.written === k.written.toLowerCase()) lower++;
        else upper++;
      }
      const majorityLower = lower > upper;
      return all.flatMap((k): Finding[] => {
        const casing = majorityLower
          ? k.written.toLowerCase() !== k.written ? 'lowercase' : ''
          : k.written.toUpperCase() !== k.written ? 'uppercase' : '';
        return casing === ''
          ? []
          : [{ message: `Command '${k.written}' should match the case of the command majority (${casing})`, range: k.range }];
      });
    }),
  rule('DuplicateStageName', 'Stage names should be unique',
    'FROM and COPY --from find a stage by name; with two stages of one name only one can be reached.',
    ({ result }) => {
      const seen = new Set<string>();
      return result.stages.flatMap((s): Finding[] => {
        if (s.name === null) return [];
        const dup = seen.has(s.name);
        seen.add(s.name);
        return dup ? [{ message: `Duplicate stage name ${goQuote(s.name)}, stage names should be unique`, range: s.from.range }] : [];
      });
    }),
  rule('ReservedStageName', 'Reserved words should not be used as stage names',
    '`scratch` and `context` already mean something in FROM and COPY --from; pick another name.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] =>
        s.name === 'scratch' || s.name === 'context'
          ? [{ message: `Stage name should not use the same name as reserved stage ${goQuote(s.name)}`, range: s.from.range }]
          : [])),
  rule('JSONArgsRecommended',
    'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals',
    'In shell form the command runs under /bin/sh -c, which does not pass signals on: `docker stop` waits, then kills. Write ["program", "arg"].',
    ({ result }) =>
      result.stages.flatMap((s) => {
        let shellSet = false;
        for (let p = parentStage(result, s); p && !shellSet; p = parentStage(result, p)) {
          shellSet = p.instructions.some((i) => i.keyword === 'SHELL');
        }
        const out: Finding[] = [];
        for (const i of s.instructions) {
          if (i.keyword === 'SHELL') shellSet = true;
          if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && i.command.form === 'shell' && !shellSet) {
            out.push({ message: `JSON arguments recommended for ${i.written} to prevent unintended behavior related to OS signals`, range: i.range });
          }
        }
        return out;
      })),
  rule('MaintainerDeprecated', 'The MAINTAINER instruction is deprecated, use a label instead to define an image author',
    'Use LABEL org.opencontainers.image.authors="name <email>" instead.',
    ({ result }) =>
      result.instructions
        .filter((i) => i.keyword === 'MAINTAINER')
        .map((i) => ({ message: 'Maintainer instruction is deprecated in favor of using label', range: i.range }))),
  rule('UndefinedArgInFrom', 'FROM command must use declared ARGs',
    'Declare the ARG before the first FROM (ARG NAME=default) to use it in a FROM line.',
    ({ result }) => {
      const declared = [...metaArgKeys(result), ...BUILTIN_ARGS];
      return result.stages.flatMap((s) => {
        const words = [s.from.image.value, ...(s.from.platform ? [s.from.platform.value] : [])];
        const names = [...new Set(words.flatMap((w) => referencedNames(w)))].filter((n) => !declared.includes(n));
        return names.map((n) => {
          const hint = suggest(n, declared, true);
          return {
            message: `FROM argument '${n}' is not declared${hint === null ? '' : ` (did you mean ${hint}?)`}`,
            range: s.from.range,
          };
        });
      });
    }),
  rule('WorkdirRelativePath',
    'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes',
    'A relative WORKDIR is joined to the base image\'s working directory. Start with an absolute WORKDIR such as /app.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] => {
        const first = s.instructions.find((i) => i.keyword === 'WORKDIR');
        if (first?.keyword !== 'WORKDIR') return [];
        const path = first.path.value;
        return path.startsWith('/') || path.startsWith('$')
          ? []
          : [{ message: `Relative workdir ${goQuote(path)} can have unexpected results if the base image changes`, range: first.range }];
      })),
  rule('SecretsUsedInArgOrEnv', 'Sensitive data should not be used in the ARG or ENV commands',
    'ARG and ENV values stay in the image metadata and history. Use RUN --mount=type=secret for secrets.',
    ({ result }) =>
      result.instructions.flatMap((i): Finding[] => {
        const keys = i.keyword === 'ARG' ? i.args.map((a) => a.key) : i.keyword === 'ENV' ? i.pairs.map((p) => p.key) : [];
        return keys
          .filter(looksSecret)
          .map((k) => ({ message: `Do not use ARG or ENV instructions for sensitive data (${i.keyword} ${goQuote(k)})`, range: i.range }));
      })),
  rule('LegacyKeyValueFormat', 'Legacy key/value format with whitespace separator should not be used',
    'Write key=value: the legacy form takes the whole rest of the line as one value, which surprises.',
    ({ result }) =>
      result.instructions.flatMap((i): Finding[] =>
        (i.keyword === 'ENV' || i.keyword === 'LABEL') && i.pairs.some((p) => p.legacy)
          ? [{ message: `"${i.written} key=value" should be used instead of legacy "${i.written} key value" format`, range: i.range }]
          : [])),
  rule('MultipleInstructionsDisallowed', 'Multiple instructions of the same type should not be used in the same stage',
    'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect; remove the others.',
    ({ result }) =>
      result.stages.flatMap((s) => {
        const last = new Map<string, Instruction>();
        const out: Finding[] = [];
        for (const i of s.instructions) {
          if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT' && i.keyword !== 'HEALTHCHECK') continue;
          const prev = last.get(i.keyword);
          if (prev) {
            out.push({ message: `Multiple ${i.written} instructions should not be used in the same stage because only the last one will be used`, range: prev.range });
          }
          last.set(i.keyword, i);
        }
        return out;
      })),
  rule('UndefinedVar', 'Variables should be defined before their use',
    'Unset variables expand to an empty string. Declare it with ARG or ENV first (ARGs before FROM must be re-declared inside the stage).',
    (ctx) => {
      const { result } = ctx;
      const finalEnv = new Map<number, Set<string>>();
      return result.stages.flatMap((s) => {
        const parent = parentStage(result, s);
        const env = new Set<string>(parent ? finalEnv.get(parent.index) : ['PATH', ...ctx.imageEnv(s.baseImage)]);
        const out: Finding[] = [];
        for (const i of s.instructions) {
          const unresolved = new Set<string>();
          for (const w of expandedWords(i)) {
            if (!w.includes('$')) continue;
            const r = expandWord(w, (n) => (env.has(n) ? '' : undefined));
            if (r.ok) for (const n of r.value.unresolved) unresolved.add(n);
          }
          for (const n of unresolved) {
            const hint = suggest(n, [...env], true);
            out.push({ message: `Usage of undefined variable '$${n}'${hint === null ? '' : ` (did you mean $${hint}?)`}`, range: i.range });
          }
          if (i.keyword === 'ENV') for (const p of i.pairs) env.add(p.key);
          if (i.keyword === 'ARG') for (const a of i.args) env.add(a.key);
        }
        finalEnv.set(s.index, env);
        return out;
      });
    }),
  rule('InvalidDefaultArgInFrom', 'Default value for global ARG results in an empty or invalid base image name',
    'Give the ARG used in FROM a default that names an image, e.g. ARG BASE=alpine:3.20.',
    ({ result }) => {
      const values = new Map<string, string>();
      for (const a of result.metaArgs) {
        for (const d of a.args) {
          if (d.value === undefined) continue;
          const r = expandWord(d.value, values);
          if (!r.ok) return [];
          values.set(d.key, r.value.value);
        }
      }
      return result.stages.flatMap((s): Finding[] => {
        if (referencedNames(s.baseImage).length === 0) return [];
        const r = expandWord(s.baseImage, values);
        if (!r.ok) return [];
        return isValidReference(r.value.value)
          ? []
          : [{ message: `Default value for ARG ${s.baseImage} results in empty or invalid base image name`, range: s.from.range }];
      });
    }),
  rule('RedundantTargetPlatform',
    'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior',
    'FROM already uses the target platform; drop --platform=$TARGETPLATFORM.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] => {
        const p = s.from.platform?.value;
        return p === '$TARGETPLATFORM' || p === '${TARGETPLATFORM}'
          ? [{ message: `Setting platform to predefined ${p} in FROM is redundant as this is the default behavior`, range: s.from.range }]
          : [];
      })),
  rule('FromPlatformFlagConstDisallowed', 'FROM --platform flag should not use a constant value',
    'A fixed --platform pins the stage to one architecture; use $BUILDPLATFORM (build tools) or leave it out.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] => {
        const p = s.from.platform?.value;
        if (p === undefined || referencedNames(p).length > 0) return [];
        const [os = '', arch = ''] = p.split('/');
        if (!/^[a-z0-9]+$/i.test(os)) return [];
        const name = s.name ?? '';
        if (name.includes(os) || (arch !== '' && name.includes(arch))) return [];
        return [{ message: `FROM --platform flag should not use constant value ${goQuote(p)}`, range: s.from.range }];
      })),
  rule('ExposeProtoCasing', 'Protocol in EXPOSE instruction should be lowercase',
    'Write the protocol in lower case: 53/udp.',
    ({ result }) =>
      result.instructions.flatMap((i): Finding[] =>
        i.keyword !== 'EXPOSE'
          ? []
          : i.ports
              .filter((p) => p.value.includes('/') && p.value.split('/').pop() !== p.value.split('/').pop()?.toLowerCase())
              .map((p) => ({ message: `Defined protocol '${p.value}' in EXPOSE instruction should be lowercase`, range: i.range }))),
  ),
  rule('ExposeInvalidFormat',
    'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release',
    'EXPOSE only documents a container port; the host side is chosen with docker run -p.',
    ({ result }) =>
      result.instructions.flatMap((i): Finding[] =>
        i.keyword !== 'EXPOSE'
          ? []
          : i.ports
              .filter((p) => p.value.includes(':'))
              .map((p) => ({ message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${p.value}'`, range: i.range }))),
  ),
];

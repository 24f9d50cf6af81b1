/** hadolint's rules that teach multi-stage habits (ids and messages from hadolint's wiki). */
import type { CheckRule, Finding } from './rule.ts';
import { hadolintDocs } from './rule.ts';
import { referencedNames } from '../expand.ts';
import { referenceTag } from './image-reference.ts';

const rule = (id: string, description: string, hint: string, check: CheckRule['check']): CheckRule => ({
  id,
  description,
  url: hadolintDocs(id),
  hint,
  check,
});

const isUrl = (s: string): boolean => /^(?:https?|git):\/\//i.test(s) || s.startsWith('git@');
const isArchive = (s: string): boolean => /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst)$/i.test(s);
const isRoot = (user: string): boolean => /^(?:root|0)(?::.*)?$/.test(user);

export const hadolintRules: readonly CheckRule[] = [
  rule('DL3006', 'Always tag the version of an image explicitly',
    'Without a tag FROM means :latest, which changes under you. Pin a version such as node:20-alpine.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] => {
        const base = s.baseImage;
        const isStage = result.stages.some((o) => o.index < s.index && o.name === base);
        if (isStage || base === '' || base === 'scratch' || referencedNames(base).length > 0) return [];
        const { tag, digest } = referenceTag(base);
        return tag === '' && !digest ? [{ message: 'Always tag the version of an image explicitly', range: s.baseRange }] : [];
      })),
  rule('DL3007', 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag',
    ':latest is whatever was pushed last; builds stop being repeatable. Pin a version.',
    ({ result }) =>
      result.stages.flatMap((s): Finding[] =>
        referenceTag(s.baseImage).tag === 'latest'
          ? [{ message: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag', range: s.baseRange }]
          : [])),
  rule('DL3020', 'Use COPY instead of ADD for files and folders',
    'ADD also downloads URLs and unpacks archives; for plain files COPY says what you mean.',
    ({ result }) =>
      result.instructions.flatMap((i): Finding[] =>
        i.keyword === 'ADD' && i.sources.some((s) => !isUrl(s.value) && !isArchive(s.value))
          ? [{ message: 'Use COPY instead of ADD for files and folders', range: i.range }]
          : [])),
  rule('DL3022', 'COPY --from should reference a previously defined FROM alias',
    'COPY --from reads an earlier stage (by name or number) or an image; a misspelt stage name is pulled as an image.',
    ({ result }) =>
      result.stages.flatMap((s) =>
        s.instructions.flatMap((i): Finding[] => {
          if (i.keyword !== 'COPY' || !i.from) return [];
          const from = i.from.value.toLowerCase();
          if (/^\d+$/.test(from)) {
            // Its own index is DL3023's finding.
            return Number(from) <= s.index ? [] : [{ message: 'COPY --from should reference a previously defined FROM alias', range: i.from.range }];
          }
          if (/[:/@]/.test(from) || from === s.name) return [];
          const earlier = result.stages.some((o) => o.index < s.index && o.name === from);
          return earlier ? [] : [{ message: 'COPY --from should reference a previously defined FROM alias', range: i.from.range }];
        }))),
  rule('DL3023', 'COPY --from cannot reference its own FROM alias',
    'A stage cannot copy from itself: it is still being built. Copy from an earlier stage.',
    ({ result }) =>
      result.stages.flatMap((s) =>
        s.instructions.flatMap((i): Finding[] =>
          i.keyword === 'COPY' && i.from && (i.from.value.toLowerCase() === s.name || i.from.value === String(s.index))
            ? [{ message: 'COPY --from cannot reference its own FROM alias', range: i.from.range }]
            : []))),
  rule('DL3002', 'Last USER should not be root',
    'The final image runs as its last USER; switch to an unprivileged user at the end.',
    ({ result }) => {
      const final = result.stages[result.stages.length - 1];
      const users = final?.instructions.filter((i) => i.keyword === 'USER') ?? [];
      const last = users[users.length - 1];
      return last?.keyword === 'USER' && isRoot(last.user.value)
        ? [{ message: 'Last USER should not be root', range: last.range }]
        : [];
    }),
];

/**
 * Judges one goal on the builds of a session. Each verdict says what the simulator saw and, when
 * the goal is not met, what that means and how to get there: the explanation is the lesson.
 */
import { humanSize, type BuildResult, type ImageFile, type ImageResult, type StepResult } from '../../build/index.ts';
import { parseImageRef } from '../../images/index.ts';
import type { BuildSession } from './builds.ts';
import { indexFiles, lookupPath, resolveUser, type FileIndex } from './image-facts.ts';
import type { Goal } from './types.ts';

export interface Verdict {
  passed: boolean;
  observed: string;
  explanation: string;
}

const pass = (observed: string): Verdict => ({ passed: true, observed, explanation: '' });
const fail = (observed: string, explanation: string): Verdict => ({ passed: false, observed, explanation });

function firstError(build: BuildResult): string {
  const error = build.diagnostics.find((d) => d.severity === 'error');
  if (error === undefined) return 'the build failed';
  return `${error.line === null ? '' : `line ${error.line}: `}${error.message}`;
}

/** A failed build fails every goal about its image, pointing at the error to fix first. */
function buildFailed(build: BuildResult, what = 'The build'): Verdict {
  return fail(
    `${what} failed: ${firstError(build)}.`,
    'This goal is about the image, and there is no image until the build succeeds. Fix that error first; the message and the line number say where.',
  );
}

function origin(file: ImageFile, image: ImageResult): string {
  if (file.fromStage === null) return `the base image ${image.base}`;
  if (file.fromStage === image.stage) return `line ${file.fromLine ?? '?'} of the final stage`;
  return `stage "${file.fromStage}", copied in on line ${file.fromLine ?? '?'}`;
}

function describeEntry(file: ImageFile): string {
  if (file.type === 'dir') return 'a folder';
  if (file.type === 'symlink') return `a link to ${file.target ?? '?'}`;
  return `a file of ${humanSize(file.size)}`;
}

interface ImageFacts {
  build: BuildResult;
  image: ImageResult;
  files: FileIndex;
}

function imageFacts(build: BuildResult): ImageFacts | null {
  return build.ok && build.image !== null ? { build, image: build.image, files: indexFiles(build.image) } : null;
}

function hasPath(facts: ImageFacts, path: string): Verdict {
  const file = lookupPath(facts.files, path);
  if (file !== null) return pass(`${path} is in the image: ${describeEntry(file)} from ${origin(file, facts.image)}.`);
  return fail(
    `The final image has nothing at ${path}.`,
    `Only the final stage (or the --target) becomes the image. A file made in another stage reaches it only through \`COPY --from=<stage>\`, and that source path is read from the root of the other stage's filesystem, not from its WORKDIR.`,
  );
}

function lacksPath(facts: ImageFacts, path: string): Verdict {
  const file = lookupPath(facts.files, path);
  if (file === null) return pass(`The final image has nothing at ${path}.`);
  const where = origin(file, facts.image);
  const stage = facts.build.stages.find((s) => s.name === facts.image.stage);
  const step = stage?.steps.find((s) => s.line === file.fromLine);
  const fromContext = step !== undefined && (step.keyword === 'COPY' || step.keyword === 'ADD');
  const fix =
    file.fromStage === null
      ? `It comes with the base image. Start the final stage FROM a smaller image that does not ship it, and copy in only what the program needs.`
      : file.fromStage !== facts.image.stage
        ? `It is copied from another stage. Copy only the paths the program needs, not whole folders.`
        : fromContext
          ? `It comes from the build context. Copy the files the image needs by name instead of whole folders, or leave it out of the context with \`.dockerignore\`.`
          : `A step of the final stage makes it. Do that work in an earlier stage and \`COPY --from\` only its result; deleting it in a later step would hide it but keep its bytes.`;
  return fail(`${path} is still in the image: ${describeEntry(file)} from ${where}.`, fix);
}

function stageCount(build: BuildResult): number {
  return Math.max(build.plan.stages.length, build.stages.length);
}

function sameImage(a: string, b: string): boolean {
  const ra = parseImageRef(a);
  const rb = parseImageRef(b);
  return ra.ok && rb.ok ? ra.value.canonical === rb.value.canonical : a === b;
}

function sizeBreakdown(facts: ImageFacts): string {
  const stage = facts.build.stages.find((s) => s.name === facts.image.stage);
  const steps = (stage?.steps ?? []).filter((s) => s.size > 0).sort((a, b) => b.size - a.size);
  const own = steps.reduce((sum, s) => sum + s.size, 0);
  const parts = [`the base ${facts.image.base} ${humanSize(facts.image.size - own)}`, ...steps.slice(0, 3).map((s) => `line ${s.line} ${s.keyword} ${humanSize(s.size)}`)];
  return parts.join(', ');
}

function stepsWriting(build: BuildResult, path: string): StepResult[] {
  const under = (p: string) => p === path || p.startsWith(`${path.replace(/\/$/, '')}/`);
  return build.stages.flatMap((stage) => stage.steps.filter((step) => step.status !== 'not-run' && step.changes.some((c) => under(c.path))));
}

function firstMissBefore(build: BuildResult, step: StepResult): StepResult | undefined {
  const stage = build.stages.find((s) => s.steps.includes(step));
  return stage?.steps.find((s) => s.cacheMiss !== null && s.cacheMiss !== 'parent missed' && s.line <= step.line);
}

function stepName(step: StepResult): string {
  return `line ${step.line} (\`${step.instruction.length > 60 ? `${step.instruction.slice(0, 57)}...` : step.instruction}\`)`;
}

function cacheAfterEdit(goal: Extract<Goal, { kind: 'cache-after-edit' }>, session: BuildSession): Verdict {
  const { first, second } = session.afterEdit(goal.edit);
  if (!first.ok) return buildFailed(first);
  if (!second.ok) return buildFailed(second, `The rebuild after editing ${goal.edit.path}`);
  const steps = stepsWriting(second, goal.writes);
  if (steps.length === 0) {
    return fail(`No step writes at or below ${goal.writes}.`, `The goal is about the step that creates ${goal.writes}; the Dockerfile has none.`);
  }
  const wrong = steps.filter((s) => s.cached !== (goal.expect === 'cached'));
  const listed = steps.map((s) => `${stepName(s)} ${s.cached ? 'was cached' : 'ran again'}`).join('; ');
  if (wrong.length === 0) return pass(`After editing ${goal.edit.path}: ${listed}.`);
  if (goal.expect === 'rebuilt') {
    return fail(`After editing ${goal.edit.path}: ${listed}.`, `A step reruns only when its own cache key changes: the instruction, the files it copies, its environment, or any step before it.`);
  }
  const step = wrong[0] as StepResult;
  const miss = firstMissBefore(second, step);
  const cause =
    miss === undefined
      ? `its cache missed (${step.cacheMiss ?? 'no cache'}).`
      : miss === step
        ? `its own cache key changed (${miss.cacheMiss}).`
        : `${stepName(miss)} missed first (${miss.cacheMiss}), and a miss invalidates every later step of the stage.`;
  return fail(
    `After editing ${goal.edit.path}: ${listed}.`,
    `${stepName(step)} ran again because ${cause} A COPY's cache key covers the files it copies, so copy only what the slow step needs (a dependency manifest, say) before it, and the rest of the sources after it.`,
  );
}

function targetBuilds(goal: Extract<Goal, { kind: 'target-builds' }>, session: BuildSession): Verdict {
  const build = session.withTarget(goal.target);
  if (!build.ok) {
    const failed = buildFailed(build, `\`docker build --target ${goal.target}\``);
    const missing = build.diagnostics.some((d) => d.message.startsWith(`target stage "${goal.target}" could not be found`));
    return missing
      ? { ...failed, explanation: `No stage is named "${goal.target}". A stage gets its name from \`FROM <image or stage> AS ${goal.target}\`.` }
      : failed;
  }
  const stage = (name: string) => build.stages.find((s) => s.name === name.toLowerCase());
  const problems: string[] = [];
  for (const name of goal.builds) {
    const s = stage(name);
    if (s === undefined) problems.push(`there is no stage named "${name}"`);
    else if (s.status === 'skipped') problems.push(`stage "${name}" was skipped (${s.reason ?? 'not needed'})`);
  }
  for (const name of goal.skips) {
    const s = stage(name);
    if (s !== undefined && s.status !== 'skipped') problems.push(`stage "${name}" was built`);
  }
  const summary = build.stages.map((s) => `${s.name}: ${s.status === 'skipped' ? 'skipped' : 'built'}`).join(', ');
  if (problems.length === 0) return pass(`\`--target ${goal.target}\` builds ${summary}.`);
  return fail(
    `\`--target ${goal.target}\`: ${problems.join('; ')}.`,
    `With --target, BuildKit builds that stage and only the stages it depends on through \`FROM <stage>\` or \`COPY --from\`; the others are skipped. A stage that must run needs that link; one that must not run must not be linked.`,
  );
}

function nonRoot(facts: ImageFacts): Verdict {
  const user = resolveUser(facts.image, facts.files);
  const written = facts.image.config.User;
  if (!user.ok) {
    return fail(
      `USER is "${written}", but ${user.error}.`,
      `\`docker run\` would stop with "unable to find user". A name must exist in the final stage's own /etc/passwd (users created in another stage do not come along); create it there, use one the base image ships, or give a numeric uid.`,
    );
  }
  const who = `uid ${user.value.uid}${user.value.name === null ? '' : ` (${user.value.name})`}`;
  if (user.value.uid !== 0) return pass(`The image runs as ${who}.`);
  return fail(
    written === '' ? 'The image sets no USER, so it runs as root (uid 0).' : `USER is "${written}", which is uid 0: root.`,
    'Containers run as root unless the image says otherwise. Add `USER` with an unprivileged user in the final stage: USER is per stage, so one set in a build stage does not carry over.',
  );
}

function finalUser(facts: ImageFacts, wanted: string): Verdict {
  const user = resolveUser(facts.image, facts.files);
  if (!user.ok) return fail(`USER is "${facts.image.config.User}", but ${user.error}.`, 'The user must exist in the final stage.');
  const seen = [String(user.value.uid), ...(user.value.name === null ? [] : [user.value.name])];
  const who = `uid ${user.value.uid}${user.value.name === null ? '' : ` (${user.value.name})`}`;
  if (seen.includes(wanted)) return pass(`The image runs as ${who}.`);
  return fail(`The image runs as ${who}, not ${wanted}.`, 'The image runs as the last USER of the final stage, or as the base image\'s user when the stage sets none.');
}

function envNames(image: ImageResult): string[] {
  return image.config.Env.map((e) => e.slice(0, Math.max(0, e.indexOf('='))) || e);
}

/** Judges `goal` on the builds of `session`. */
export function evaluateGoal(goal: Goal, session: BuildSession): Verdict {
  if (goal.kind === 'cache-after-edit') return cacheAfterEdit(goal, session);
  if (goal.kind === 'target-builds') return targetBuilds(goal, session);
  const build = session.main();
  if (goal.kind === 'build-fails') {
    if (build.ok) return fail('The build succeeded.', `The build was expected to fail with "${goal.message}".`);
    const error = firstError(build);
    return error.includes(goal.message) ? pass(`The build failed: ${error}.`) : fail(`The build failed: ${error}.`, `Expected an error containing "${goal.message}".`);
  }
  if (goal.kind === 'min-stages') {
    const count = stageCount(build);
    if (count >= goal.count) return pass(`The Dockerfile has ${count} stage${count === 1 ? '' : 's'}.`);
    return fail(
      `The Dockerfile has ${count} stage${count === 1 ? '' : 's'}; at least ${goal.count} are wanted.`,
      'Each FROM starts a new stage. Build in one stage with the tools it needs, then start another FROM a small base and copy only the result into it.',
    );
  }
  if (goal.kind === 'no-diagnostic' || goal.kind === 'has-diagnostic') {
    const found = build.diagnostics.filter((d) => d.code === goal.code);
    const list = found.map((d) => `${d.line === null ? '' : `line ${d.line}: `}${d.message}`).join('; ');
    if (goal.kind === 'has-diagnostic') {
      return found.length > 0 ? pass(`${goal.code}: ${list}.`) : fail(`No ${goal.code} was reported.`, `Expected the ${goal.code} check to fire.`);
    }
    if (found.length === 0) return pass(`No ${goal.code} was reported.`);
    return fail(`${goal.code}: ${list}.`, found[0]?.hint ?? `The check ${goal.code} points at something to change.`);
  }
  const facts = imageFacts(build);
  if (facts === null) return buildFailed(build);
  const { image } = facts;
  switch (goal.kind) {
    case 'has-path':
      return hasPath(facts, goal.path);
    case 'lacks-path':
      return lacksPath(facts, goal.path);
    case 'final-base': {
      if (goal.images.some((wanted) => sameImage(wanted, image.base))) return pass(`The final image starts from ${image.base}.`);
      return fail(
        `The final image starts from ${image.base}.`,
        `The image is the final stage, and it starts from what its FROM names (through \`FROM <stage>\` back to an image). Make the final stage start FROM ${goal.images.join(' or ')}.`,
      );
    }
    case 'max-size': {
      const observed = `The image is ${humanSize(image.size)}; the limit is ${humanSize(goal.bytes)}. Biggest parts: ${sizeBreakdown(facts)}.`;
      if (image.size < goal.bytes) return pass(observed);
      return fail(
        observed,
        'Every layer counts, and a file deleted in a later step still costs its bytes. Ship from a small base, build in a stage that is not shipped, and copy only the result.',
      );
    }
    case 'min-size': {
      const observed = `The image is ${humanSize(image.size)}. Biggest parts: ${sizeBreakdown(facts)}.`;
      return image.size >= goal.bytes ? pass(observed) : fail(observed, `Expected at least ${humanSize(goal.bytes)}.`);
    }
    case 'non-root-user':
      return nonRoot(facts);
    case 'final-user':
      return finalUser(facts, goal.user);
    case 'has-env':
    case 'lacks-env': {
      const present = envNames(image).includes(goal.name);
      if (present === (goal.kind === 'has-env')) return pass(`${goal.name} is ${present ? '' : 'not '}in the image's Env.`);
      return goal.kind === 'has-env'
        ? fail(`${goal.name} is not in the image's Env.`, 'Only ENV writes variables into the image config; ARG values exist only during the build.')
        : fail(
            `${goal.name} is in the image's Env: anyone with the image can read it with \`docker inspect\`.`,
            'ENV is stored in the image config, and an ARG value shows in `docker history`. Pass a secret with `RUN --mount=type=secret` (or at run time), never with ENV or ARG.',
          );
    }
    case 'file-content': {
      const file = lookupPath(facts.files, goal.path);
      if (file === null) return fail(`The image has nothing at ${goal.path}.`, 'The file was expected.');
      if (file.content === goal.content) return pass(`${goal.path} contains ${JSON.stringify(file.content)}.`);
      return fail(`${goal.path} contains ${JSON.stringify(file.content)}.`, `Expected ${JSON.stringify(goal.content)}.`);
    }
    case 'file-owner': {
      const file = lookupPath(facts.files, goal.path);
      if (file === null) return fail(`The image has nothing at ${goal.path}.`, 'The file was expected.');
      const observed = `${goal.path} is owned by ${file.uid}:${file.gid}.`;
      return file.uid === goal.uid ? pass(observed) : fail(observed, `Expected uid ${goal.uid}.`);
    }
    case 'history-has':
    case 'history-lacks': {
      const line = image.history.find((h) => h.createdBy.includes(goal.text));
      const observed = line === undefined ? `No history entry contains "${goal.text}".` : `History entry: ${line.createdBy}`;
      if ((line !== undefined) === (goal.kind === 'history-has')) return pass(observed);
      return fail(observed, goal.kind === 'history-lacks' ? '`docker history` shows every build step, with the ARG values a RUN saw: anyone with the image can read them.' : 'Expected that history entry.');
    }
    case 'layers': {
      const observed = `The image has ${image.layers} layer${image.layers === 1 ? '' : 's'}.`;
      return image.layers === goal.count ? pass(observed) : fail(observed, `Expected ${goal.count}: only RUN, COPY, ADD and WORKDIR (not /) add layers.`);
    }
  }
}

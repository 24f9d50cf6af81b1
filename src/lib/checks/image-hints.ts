/**
 * Image-level hints: facts about the final image (not the Dockerfile's text) that are worth a
 * lesson. Computed from a BuildResult only. Rules are data (id, description); each finding is a
 * Diagnostic with the rule's id as its code.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { BuildResult, ImageResult, StageResult } from '../build/index.ts';

export interface ImageHintRule {
  id: string;
  description: string;
}

export const imageHintRules = {
  runsAsRoot: { id: 'RunsAsRoot', description: 'The image runs its process as root.' },
  buildToolInImage: { id: 'BuildToolInImage', description: 'A compiler or build tool is in the final image.' },
  packageManagerAdded: { id: 'PackageManagerAdded', description: 'The Dockerfile put a package manager into the final image.' },
  deletedButShipped: { id: 'DeletedButShipped', description: 'Files deleted in a later layer still take space in an earlier one.' },
  secretInImage: { id: 'SecretInImage', description: 'A secret-looking value is in the image config or history.' },
} as const satisfies Record<string, ImageHintRule>;

/** Compilers and build tools: present in a runtime image, they are weight and attack surface. */
const buildTools = ['go', 'gcc', 'g++', 'cc', 'clang', 'make', 'cmake', 'rustc', 'cargo', 'javac', 'mvn', 'gradle', 'tsc'];
/** Package managers: most base images ship one, so only those this Dockerfile adds are pointed out. */
const packageManagers = ['apt-get', 'apt', 'dpkg', 'apk', 'pip', 'pip3', 'npm', 'yarn', 'pnpm', 'composer', 'gem', 'bundle'];
const secretName = /(?:^|_)(?:SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)(?:$|_)/i;

const hint = (rule: ImageHintRule, severity: Diagnostic['severity'], message: string, text: string): Diagnostic => ({
  severity,
  code: rule.id,
  message,
  hint: text,
});

function runsAsRoot(image: ImageResult): Diagnostic[] {
  const user = image.config.User.split(':')[0] ?? '';
  if (user !== '' && user !== 'root' && user !== '0') return [];
  return [
    hint(
      imageHintRules.runsAsRoot,
      'warning',
      `The container runs as root (USER is ${image.config.User === '' ? 'not set' : `"${image.config.User}"`}).`,
      'Add a USER instruction with an unprivileged user in the final stage, so a compromised process cannot change the whole container.',
    ),
  ];
}

function pathDirs(image: ImageResult): string[] {
  const path = image.config.Env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  return path.split(':').filter(Boolean);
}

/** Tools of `names` found in the image's PATH folders, optionally only files this Dockerfile wrote. */
function toolsOnPath(image: ImageResult, names: readonly string[], addedOnly: boolean): string[] {
  const files = new Set(image.files.filter((f) => f.type !== 'dir' && (!addedOnly || f.fromStage !== null)).map((f) => f.path));
  return names.filter((tool) => pathDirs(image).some((dir) => files.has(`${dir.replace(/\/$/, '')}/${tool}`)));
}

function buildToolsIn(image: ImageResult): Diagnostic[] {
  const found = toolsOnPath(image, buildTools, false);
  if (found.length === 0) return [];
  return [
    hint(
      imageHintRules.buildToolInImage,
      'info',
      `The final image contains build tools: ${found.join(', ')}.`,
      'Compile in an earlier stage and copy only the result into a smaller runtime image with COPY --from.',
    ),
  ];
}

function packageManagersAdded(image: ImageResult): Diagnostic[] {
  const found = toolsOnPath(image, packageManagers, true);
  if (found.length === 0) return [];
  return [
    hint(
      imageHintRules.packageManagerAdded,
      'info',
      `This Dockerfile put package managers into the final image: ${found.join(', ')}.`,
      'Install packages in a build stage and copy only what the program needs, so the running image cannot install more.',
    ),
  ];
}

/** Stages whose layers make up the image: the target and the stages it is built FROM. */
function imageStages(result: BuildResult, image: ImageResult): StageResult[] {
  const chain: StageResult[] = [];
  let stage = result.stages.find((s) => s.name === image.stage);
  while (stage !== undefined && !chain.includes(stage)) {
    chain.unshift(stage);
    stage = stage.baseStage === null ? undefined : result.stages[stage.baseStage];
  }
  return chain;
}

function deletedButShipped(result: BuildResult, image: ImageResult): Diagnostic[] {
  const written = new Map<string, number>();
  const findings: { path: string; bytes: number; line: number }[] = [];
  for (const stage of imageStages(result, image)) {
    for (const step of stage.steps) {
      for (const change of step.changes) {
        if (change.op !== 'delete') {
          if (change.type === 'file') written.set(change.path, change.size);
          continue;
        }
        let bytes = 0;
        for (const [path, size] of written) {
          if (path === change.path || path.startsWith(`${change.path}/`)) {
            bytes += size;
            written.delete(path);
          }
        }
        if (bytes > 0) findings.push({ path: change.path, bytes, line: step.line });
      }
    }
  }
  return findings.map((f) => ({
    ...hint(
      imageHintRules.deletedButShipped,
      'warning',
      `${f.path} is deleted on line ${f.line}, but its ${f.bytes.toLocaleString('en')} bytes are still shipped in an earlier layer.`,
      'Delete files in the same RUN that creates them, or build in another stage and copy only what you need.',
    ),
    range: { line: f.line, column: 1, endLine: f.line, endColumn: Number.MAX_SAFE_INTEGER },
  }));
}

function secretsIn(image: ImageResult): Diagnostic[] {
  const names = new Set<string>();
  for (const env of image.config.Env) {
    const [name = '', value = ''] = env.split(/=(.*)/s);
    if (secretName.test(name) && value !== '') names.add(name);
  }
  for (const entry of image.history) {
    for (const m of entry.createdBy.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)=(\S+)/g)) {
      if (m[1] !== undefined && secretName.test(m[1])) names.add(m[1]);
    }
  }
  return [...names].map((name) =>
    hint(
      imageHintRules.secretInImage,
      'warning',
      `${name} looks like a secret, and its value is stored in the image (config or history).`,
      'Anyone who pulls the image can read it with docker history or docker inspect. Pass secrets with RUN --mount=type=secret instead.',
    ),
  );
}

/** The image-level hints for a build; none when the build produced no image. */
export function imageHints(result: BuildResult): Diagnostic[] {
  const image = result.image;
  if (image === null) return [];
  return [...runsAsRoot(image), ...buildToolsIn(image), ...packageManagersAdded(image), ...deletedButShipped(result, image), ...secretsIn(image)];
}

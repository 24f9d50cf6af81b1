/** `mvn package` (Maven), simulated: target/<artifactId>-<version>.jar from pom.xml, ~/.m2 grows. */
import type { Command, CommandContext } from '../../command.ts';
import { toolchainCatalogue } from './catalogues.ts';
import { changeBulk, putFile, readText, runSteps } from './fs-steps.ts';
import { joinPath } from './npm-project.ts';

const MAVEN = toolchainCatalogue.maven;

/** The project's own coordinates: the first artifactId/version outside <parent> and <dependencies>. */
function coordinates(pom: string): { artifactId: string; version: string; packaging: string; finalName?: string; springBoot: boolean } {
  const own = pom.replace(/<parent>[\s\S]*?<\/parent>/g, '').replace(/<dependencies>[\s\S]*?<\/dependencies>/g, '').replace(/<build>[\s\S]*?<\/build>/g, '');
  const tag = (text: string, name: string): string | undefined => new RegExp(`<${name}>\\s*([^<]+?)\\s*</${name}>`).exec(text)?.[1];
  const finalName = tag(pom, 'finalName');
  return {
    artifactId: tag(own, 'artifactId') ?? 'app',
    version: tag(own, 'version') ?? tag(pom, 'version') ?? '1.0-SNAPSHOT',
    packaging: tag(own, 'packaging') ?? 'jar',
    ...(finalName === undefined ? {} : { finalName }),
    springBoot: pom.includes('spring-boot-maven-plugin'),
  };
}

function run(ctx: CommandContext, goals: readonly string[]): number {
  const pom = readText(ctx.fs, ctx.access, joinPath(ctx.cwd, 'pom.xml'));
  if (pom === undefined) {
    const rule = `[INFO] ${'-'.repeat(72)}\n`;
    const finished = new Date(ctx.now).toISOString().replace(/\.\d+Z$/, 'Z');
    ctx.stdout.write(
      `[INFO] Scanning for projects...\n${rule}[INFO] BUILD FAILURE\n${rule}[INFO] Total time:  0.100 s\n[INFO] Finished at: ${finished}\n${rule}` +
        `[ERROR] The goal you specified requires a project to execute but there is no POM in this directory (${ctx.cwd}). Please verify you invoked Maven from the correct directory. -> [Help 1]\n` +
        '[ERROR] \n[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.\n[ERROR] Re-run Maven using the -X switch to enable full debug logging.\n[ERROR] \n' +
        '[ERROR] For more information about the errors and possible solutions, please read the following articles:\n[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MissingProjectException\n',
    );
    return 1;
  }
  const project = coordinates(pom);
  const home = ctx.env['HOME'] ?? '/root';
  const steps = [];
  if (!goals.includes('-o') && !goals.includes('--offline')) {
    steps.push(changeBulk(ctx.access, `${home}/.m2/repository`, 800, MAVEN.repository.bytes, `mvn (simulated): ${MAVEN.repository.source}`));
  }
  const packaging = goals.some((goal) => ['package', 'install', 'verify'].includes(goal));
  const jarName = `${project.finalName ?? `${project.artifactId}-${project.version}`}.${project.packaging === 'war' ? 'war' : 'jar'}`;
  const jarPath = joinPath(ctx.cwd, `target/${jarName}`);
  const jarBytes = project.springBoot ? MAVEN.springBootJar.bytes : MAVEN.jar.bytes;
  if (packaging) steps.push(putFile(ctx.access, jarPath, { size: jarBytes, origin: { simulated: true, by: 'mvn package' } }));
  const done = runSteps(ctx.fs, steps);
  if (!done.ok) {
    ctx.stdout.write(`[ERROR] Failed to create ${done.error.path}: ${done.error.message}\n`);
    return 1;
  }
  ctx.fs = done.value;
  ctx.stdout.write(`[INFO] Scanning for projects...\n[INFO] Building ${project.artifactId} ${project.version}\n`);
  if (packaging) ctx.stdout.write(`[INFO] Building jar: ${jarPath}\n`);
  ctx.stdout.write('[INFO] BUILD SUCCESS\n');
  ctx.simulate({
    by: `mvn ${goals.filter((g) => !g.startsWith('-')).join(' ')}`,
    summary: packaging ? `built target/${jarName}${project.springBoot ? ' (Spring Boot, dependencies inside)' : ''}; size estimated (simulated)` : 'resolved the project\'s plugins and dependencies into ~/.m2 (simulated)',
    ...(packaging ? { paths: [jarPath], bytes: jarBytes } : {}),
  });
  return 0;
}

export const mvn: Command = {
  name: 'mvn',
  run(args, ctx) {
    if (args.includes('-v') || args.includes('--version')) {
      ctx.stdout.write(`Apache Maven ${ctx.env['MAVEN_VERSION'] ?? '3.9.9'}\n`);
      return 0;
    }
    return run(ctx, args);
  },
};

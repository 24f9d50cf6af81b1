/**
 * Which Composer release a composer.phar is, and how `composer --version` reports it. A real phar
 * has its version and release date compiled in (Composer::VERSION, Composer::RELEASE_DATE); the
 * simulated one only has a size, so the installer writes the version into the file's origin label
 * (`composer installer (Composer 2.2.29)`): an origin carries only `by`, and the build cache keeps it.
 */
import type { Origin } from '../../../vfs/index.ts';
import releases from '../../data/composer-releases.json' with { type: 'json' };
import { composerCatalogue } from './catalogues.ts';

const dates: Readonly<Record<string, string>> = releases.dates;

/** The origin of a composer.phar the installer wrote for `version`. */
export const pharOrigin = (version: string): Origin => ({ simulated: true, by: `composer installer (Composer ${version})` });

/** The version recorded by pharOrigin, or undefined for any other file. */
export const pharVersion = (origin: Origin | undefined): string | undefined => /\(Composer ([^\s()]+)\)$/.exec(origin?.by ?? '')?.[1];

/**
 * The release the installer fetches: `--version=X`, else the newest of the `--1` or `--2.2` line,
 * else (`--2` or nothing) the newest release.
 */
export function installerVersion(args: readonly string[]): string {
  const given = args.find((a) => a.startsWith('--version='));
  if (given !== undefined) return given.slice('--version='.length);
  if (args.includes('--1')) return releases.channels['1'];
  if (args.includes('--2.2')) return releases.channels['2.2'];
  return composerCatalogue.composerVersion.value;
}

/** Composer::RELEASE_DATE of a release (`2023-03-21 11:50:05`), or undefined when the table lacks it. */
export const releaseDate = (version: string): string | undefined => dates[version];

const atLeast = (version: string, floor: readonly number[]): boolean => {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < floor.length; i++) {
    const part = parts[i] ?? 0;
    const min = floor[i] ?? 0;
    if (Number.isNaN(part) || part !== min) return part > min;
  }
  return true;
};

/**
 * `composer --version`: `Composer version X <release date>` on stdout; from 2.7.2 on Composer adds
 * the PHP it runs on and a pointer to `diagnose`, written to stderr (Application::doRun).
 */
export function versionReport(version: string, phpVersion: string, phpBinary: string): { stdout: string; stderr: string } {
  const date = releaseDate(version);
  const stdout = `Composer version ${version}${date === undefined ? '' : ` ${date}`}\n`;
  if (!atLeast(version, [2, 7, 2])) return { stdout, stderr: '' };
  return { stdout, stderr: `PHP version ${phpVersion} (${phpBinary})\nRun the "diagnose" command to get more detailed diagnostics output.\n` };
}

/** The data catalogues hold together: every figure has a source, dependencies resolve, sizes add up. */
import { describe, expect, test } from 'vitest';
import { apkCatalogue, aptCatalogue, composerCatalogue, downloadCatalogue, npmCatalogue, toolchainCatalogue } from '../../../../src/lib/shell/programs/simulated/catalogues.ts';
import { packageBytes } from '../../../../src/lib/shell/programs/simulated/package-files.ts';

describe('apt catalogue (Debian bookworm index)', () => {
  const entries = Object.entries(aptCatalogue.packages);

  test('has the packages lessons use, with their dependencies inside the catalogue or the base image', () => {
    for (const name of ['build-essential', 'gcc', 'make', 'git', 'curl', 'wget', 'ca-certificates', 'python3', 'python3-pip', 'openssl', 'libpq-dev']) {
      expect(aptCatalogue.packages[name], name).toBeDefined();
    }
    const known = new Set([...Object.keys(aptCatalogue.packages), ...aptCatalogue.base.packages]);
    for (const [name, pkg] of entries) {
      for (const dep of [...(pkg.depends ?? []), ...(pkg.recommends ?? [])]) expect(known.has(dep), `${name} → ${dep}`).toBe(true);
    }
  });

  test('files and bulk add up to Installed-Size (KiB × 1024) wherever the listed files fit in it', () => {
    for (const [name, pkg] of entries) {
      const listed = (pkg.files ?? []).reduce((sum, f) => sum + (f.size ?? 0), 0);
      if (listed <= pkg.installedSizeKiB * 1024) expect(packageBytes(pkg), name).toBe(pkg.installedSizeKiB * 1024);
    }
  });

  test('the lists after apt-get update are the measured ~19.9 MB', () => {
    expect(aptCatalogue.lists.files.reduce((sum, f) => sum + f.size, 0)).toBe(19_856_468);
    expect(aptCatalogue.lists.source).toMatch(/^Measured/);
  });
});

describe('apk catalogue (Alpine 3.21)', () => {
  test('has at least 20 packages, each with a size source; dependencies resolve', () => {
    const entries = Object.entries(apkCatalogue.packages);
    expect(entries.length).toBeGreaterThanOrEqual(20);
    const known = new Set([...Object.keys(apkCatalogue.packages), ...apkCatalogue.base.packages]);
    for (const [name, pkg] of entries) {
      expect(pkg.sizeSource.length, name).toBeGreaterThan(10);
      for (const dep of pkg.depends ?? []) expect(known.has(dep), `${name} → ${dep}`).toBe(true);
    }
  });

  test('files and bulk add up to the installed size', () => {
    for (const [name, pkg] of Object.entries(apkCatalogue.packages)) {
      if ((pkg.files ?? []).length > 0 || (pkg.bulk ?? []).length > 0) expect(packageBytes(pkg), name).toBe(pkg.installedSize);
    }
  });

  test('gcc is the figure read from pkgs.alpinelinux.org for v3.21 x86_64', () => {
    expect(apkCatalogue.packages['gcc']).toMatchObject({ version: '14.2.0-r4', installedSize: Math.round(137.4 * 1048576) });
    expect(apkCatalogue.packages['gcc']?.sizeSource).toContain('v3.21 x86_64');
  });
});

describe('npm, toolchain and download tables', () => {
  test('npm packages: at least 15, each installed tree at least its own size', () => {
    const entries = Object.entries(npmCatalogue.packages);
    expect(entries.length).toBeGreaterThanOrEqual(15);
    for (const [name, pkg] of entries) {
      expect(pkg.unpackedSize, name).toBeGreaterThan(0);
      expect(pkg.installed.bytes, name).toBeGreaterThanOrEqual(pkg.unpackedSize);
    }
  });

  test('every figure in toolchains.json and downloads.json says where it comes from', () => {
    const unsourced: string[] = [];
    const visit = (value: unknown, path: string, tableSource: boolean): void => {
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      const hasSource = typeof record['source'] === 'string' && (record['source'] as string).length > 10;
      if (('bytes' in record || 'value' in record) && !hasSource && !tableSource) unsourced.push(path);
      for (const [key, child] of Object.entries(record)) visit(child, `${path}.${key}`, tableSource || hasSource);
    };
    visit(toolchainCatalogue, 'toolchains', false);
    visit(downloadCatalogue, 'downloads', false);
    expect(unsourced).toEqual([]);
  });
});

describe('composer catalogue', () => {
  test('every package has its own size source and requires only catalogue packages; the table figures are sourced', () => {
    const names = new Set(Object.keys(composerCatalogue.packages));
    for (const [name, pkg] of Object.entries(composerCatalogue.packages)) {
      expect(pkg.source, name).toMatch(/^(estimate|measured): .{10,}/);
      expect([pkg.bytes > 0, pkg.files > 0], name).toEqual([true, true]);
      for (const dep of pkg.requires) expect(names.has(dep), `${name} → ${dep}`).toBe(true);
    }
    const { composerVersion, autoloader, cacheRatio, unknown } = composerCatalogue;
    for (const figure of [composerVersion, autoloader, cacheRatio, unknown]) expect(figure.source).toMatch(/^estimate: .{10,}/);
  });
});

describe('programs the packages install can be found by name', () => {
  const PATH_DIRS = /^\/(usr\/(local\/)?)?s?bin\//;
  const resolve = (from: string, target: string): string =>
    (target.startsWith('/') ? target : `${from.slice(0, from.lastIndexOf('/'))}/${target}`).split('/').reduce<string[]>((parts, part) => {
      if (part === '..') parts.pop();
      else if (part !== '.' && part !== '') parts.push(part);
      return parts;
    }, []).reduce((path, part) => `${path}/${part}`, '');

  for (const [label, packages] of [['apk', apkCatalogue.packages], ['apt', aptCatalogue.packages]] as const) {
    test(`${label}: every link in a program folder leads (through links) to a listed file`, () => {
      const listed = new Map<string, string | undefined>();
      for (const pkg of Object.values(packages)) for (const file of pkg.files ?? []) listed.set(file.path, file.target);
      const dangling: string[] = [];
      for (const [name, pkg] of Object.entries(packages)) {
        for (const file of pkg.files ?? []) {
          if (file.target === undefined || !PATH_DIRS.test(file.path)) continue;
          let path = file.path;
          for (let hops = 0; hops < 8 && listed.get(path) !== undefined; hops++) path = resolve(path, listed.get(path) as string);
          if (!listed.has(path)) dangling.push(`${name}: ${file.path} → ${path}`);
        }
      }
      expect(dangling).toEqual([]);
    });
  }

  test('no program folder holds unnamed bulk (apt: the generator lists every file on PATH), but for openssh on Alpine', () => {
    const bulkOnPath = [...Object.entries(aptCatalogue.packages), ...Object.entries(apkCatalogue.packages)].flatMap(([name, pkg]) =>
      (pkg.bulk ?? []).filter((bulk) => PATH_DIRS.test(`${bulk.path}/`)).map((bulk) => `${name}: ${bulk.path}`),
    );
    // Alpine's split of ssh's programs between openssh-client-default and -common was not read.
    expect(bulkOnPath).toEqual(['openssh-client-default: /usr/bin']);
  });
});

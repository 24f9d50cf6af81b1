/**
 * The data catalogues the simulated programs read (src/lib/shell/data/*.json), typed. Every size in
 * them carries its source there; the code only reads them.
 */
import aptJson from '../../data/apt-packages.json' with { type: 'json' };
import apkJson from '../../data/apk-packages.json' with { type: 'json' };
import npmJson from '../../data/npm-packages.json' with { type: 'json' };
import toolchainJson from '../../data/toolchains.json' with { type: 'json' };
import downloadJson from '../../data/downloads.json' with { type: 'json' };
import composerJson from '../../data/composer-packages.json' with { type: 'json' };

/** A file a package installs: a sized file, or a symlink when `target` is set. */
export interface CatalogueFile {
  path: string;
  size?: number;
  target?: string;
}

/** The rest of a package's installed size, counted on a directory without listing its files. */
export interface BulkEntry {
  path: string;
  files: number;
  bytes: number;
}

/** What a distribution package puts on disk, in one shape for apt and apk. */
export interface PackageContents {
  version: string;
  files?: CatalogueFile[];
  bulk?: BulkEntry[];
  depends?: string[];
}

export interface AptPackage extends PackageContents {
  installedSizeKiB: number;
  /** Bytes of the .deb that apt downloads. */
  debSize: number;
  recommends?: string[];
}

export interface ApkPackage extends PackageContents {
  installedSize: number;
  sizeSource: string;
}

export interface AptCatalogue {
  source: string;
  release: string;
  base: { source: string; packages: string[] };
  lists: { source: string; files: { name: string; size: number }[] };
  /** Symlinks a package's postinst makes with update-alternatives (e.g. /usr/bin/cc for gcc). */
  alternatives: { source: string; links: Record<string, { path: string; target: string }[]> };
  packages: Record<string, AptPackage>;
}

export interface ApkCatalogue {
  source: string;
  release: string;
  base: { source: string; installedSize: number; installedSizeSource: string; packages: string[] };
  index: {
    source: string;
    files: { name: string; repository: string; size: number }[];
    repositories: string[];
    distinctPackages: { count: number; source: string };
  };
  packages: Record<string, ApkPackage>;
}

/** What one version of an npm package measures. */
export interface NpmPackageSize {
  /** Bytes of node_modules/<name> itself. */
  unpackedSize: number;
  /** The whole node_modules when this package is installed alone. */
  installed: { packages: number; bytes: number };
  bin?: Record<string, string>;
  source?: string;
}

export interface NpmPackage extends NpmPackageSize {
  /** The version `npm install <name>` gets; its figures are the entry's own. */
  version: string;
  /** Other versions the catalogue has measured (those the examples' lockfiles pin), by version. */
  versions?: Record<string, NpmPackageSize>;
}

export interface NpmCatalogue {
  source: string;
  npmVersion: { value: string; source: string };
  cacheRatio: { value: number; source: string };
  unknown: { unpackedSize: number; installed: { packages: number; bytes: number }; source: string };
  packages: Record<string, NpmPackage>;
}

/** A figure with where it comes from. */
export interface Sourced {
  bytes: number;
  source: string;
}

export interface Ratio {
  value: number;
  source: string;
}

export interface PipPackage {
  version: string;
  bytes: number;
  packages: number;
  /**
   * The console scripts `pip install <name>` writes (its own and its dependencies'), by the
   * distribution that declares them, in pip's install order: script name → entry point `module:function`.
   */
  scripts?: Record<string, Record<string, string>>;
}

export interface ToolchainCatalogue {
  gcc: { glibc: Sourced; musl: Sourced; static: Sourced; object: Sourced; perSourceByte: Ratio };
  go: {
    binary: Sourced;
    netHttpBinary: Sourced;
    strippedRatio: Ratio;
    module: Sourced;
    modules: Record<string, number>;
    buildCache: Sourced;
  };
  cargo: { binary: Sourced; targetOverhead: Sourced; crate: Sourced; registryIndex: Sourced; debugRatio: Ratio };
  maven: { jar: Sourced; repository: Sourced; springBootJar: Sourced };
  vite: { frameworks: Record<string, Sourced>; minifyRatio: Ratio; gzipRatio: Ratio };
  /** The dart2js release each recorded Dart Sass release was compiled with, by Sass version. */
  sass: { dart2js: { source: string; versions: Record<string, string> } };
  pip: {
    source: string;
    /** Where the `scripts` of the packages come from. */
    scriptsSource: string;
    unknown: Sourced & { packages: number };
    packages: Record<string, PipPackage>;
    cacheRatio: Ratio;
  };
}

export interface DownloadCatalogue {
  source: string;
  unknown: Sourced;
  urls: Record<string, Sourced>;
}

export interface ComposerPackage {
  version: string;
  /** Bytes of vendor/<name> once unpacked, and its file count. */
  bytes: number;
  files: number;
  /** Catalogue packages it pulls in (for installs that resolve without composer.lock). */
  requires: string[];
  bin?: string[];
  source: string;
}

export interface ComposerCatalogue {
  source: string;
  composerVersion: { value: string; source: string };
  /** composer.phar as the installer writes it. */
  phar: Sourced;
  autoloader: Sourced & { files: number };
  cacheRatio: Ratio;
  unknown: Sourced & { files: number };
  packages: Record<string, ComposerPackage>;
}

export const aptCatalogue = aptJson as AptCatalogue;
export const apkCatalogue = apkJson as ApkCatalogue;
export const npmCatalogue = npmJson as NpmCatalogue;
export const toolchainCatalogue = toolchainJson as ToolchainCatalogue;
export const downloadCatalogue = downloadJson as DownloadCatalogue;
export const composerCatalogue = composerJson as ComposerCatalogue;

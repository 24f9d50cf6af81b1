/** What a loaded base image is: the shape every consumer (build engine, CLI, reference page) reads. */
import type { DirNode } from '../vfs/index.ts';
import type { ImageRef } from './reference.ts';

export interface HealthcheckConfig {
  Test: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

/** The image config as `docker inspect` shows it under `Config` (the fields a Dockerfile can set). */
export interface ImageConfig {
  User: string;
  WorkingDir: string;
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  /** `80/tcp` style keys. */
  ExposedPorts: string[];
  Labels: Record<string, string>;
  Volumes: string[];
  StopSignal?: string;
  Shell?: string[];
  Healthcheck?: HealthcheckConfig;
  OnBuild?: string[];
}

/** One `docker history` row of the base image (newest last, as the image config stores them). */
export interface HistoryEntry {
  createdBy: string;
  emptyLayer: boolean;
  size: number;
  /** Where the size figure comes from. */
  sizeSource?: string;
}

export interface BaseImage {
  /** Normalised reference, e.g. `docker.io/library/node:20-alpine`; `scratch` for the empty image. */
  ref: string;
  /** The parsed reference the image was asked for. */
  imageRef: ImageRef;
  config: ImageConfig;
  rootfs: DirNode;
  history: HistoryEntry[];
  /** Uncompressed amd64 size in bytes, as `docker images` reports it. */
  size: number;
  sizeSource: string;
}

/** An unknown or unparsable reference, with the close names the catalogue does have. */
export interface ImageRefError {
  code: 'InvalidReference' | 'UnknownImage' | 'UnknownTag';
  /** The registry's or distribution/reference's words. */
  message: string;
  /** What to do instead, in Stagecraft's words. */
  hint?: string;
  /** Close catalogue references, best first (familiar form, e.g. `node:22-alpine`). */
  suggestions: string[];
}

/** A row of the catalogue reference page: one image, all of its tags. */
export interface CatalogueListing {
  repository: string;
  tags: string[];
  size: number;
  sizeSource: string;
  description: string;
  /** The month (`YYYY-MM`) the entry's tags, versions and size reflect; `latest` and friends have moved on since. */
  asOf: string;
}

/**
 * The five scenarios of the source articles (shared/seeds) as build fixtures, written anew:
 * a Go builder shipped on Debian slim, a Node front end served by nginx, a TypeScript API with a
 * non-root runner, a three-stage sass/hyde/httpd site, and dev/test/prod targets.
 */
import type { ContextInput } from '../../../../src/lib/build/index.ts';

export interface SeedExample {
  name: string;
  dockerfile: string;
  context: ContextInput;
  target?: string;
}

const goService: SeedExample = {
  name: 'go-builder-to-debian-slim',
  dockerfile: `# compile with the full Go toolchain
FROM golang:1.25 AS builder
WORKDIR /app
COPY go.mod main.go ./
RUN go build -o myapp

# ship only the binary on a small Debian
FROM debian:bullseye-slim
COPY --from=builder /app/myapp /usr/local/bin/myapp
ENTRYPOINT ["myapp"]
`,
  context: {
    'go.mod': { content: 'module example.com/myapp\n\ngo 1.25\n' },
    'main.go': { content: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello from a tiny image") }\n' },
    'README.md': { content: '# myapp\n' },
  },
};

const frontendPackage = JSON.stringify({
  name: 'storefront',
  version: '1.0.0',
  private: true,
  scripts: { build: 'vite build' },
  devDependencies: { vite: '^5.4.0' },
}, null, 2);

const nodeToNginx: SeedExample = {
  name: 'node-build-to-nginx',
  dockerfile: `FROM node:20 AS builder
WORKDIR /app
# dependencies first: this layer stays cached until package.json changes
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginx:alpine
COPY --from=builder /app/dist /usr/share/nginx/html
`,
  context: {
    '.dockerignore': { content: 'node_modules\n*.log\n.git\ndist\n' },
    'package.json': { content: frontendPackage },
    'package-lock.json': { content: JSON.stringify({ name: 'storefront', version: '1.0.0', lockfileVersion: 3, packages: { '': { name: 'storefront', version: '1.0.0', devDependencies: { vite: '^5.4.0' } }, 'node_modules/vite': { version: '5.4.0' } } }, null, 2) },
    'index.html': { content: '<!doctype html><div id="app"></div><script type="module" src="/src/main.js"></script>\n' },
    'src/main.js': { content: 'document.querySelector("#app").textContent = "shop";\n' },
    'debug.log': { content: 'old log\n' },
    'node_modules/left-pad/index.js': { content: 'module.exports = () => {};\n' },
  },
};

const apiPackage = JSON.stringify({
  name: 'orders-api',
  version: '2.0.0',
  scripts: { build: 'tsc', start: 'node dist/index.js' },
  dependencies: { express: '^4.19.2' },
  devDependencies: { typescript: '^5.5.0', '@types/express': '^4.17.21' },
}, null, 2);

const typescriptApi: SeedExample = {
  name: 'typescript-api-non-root-runner',
  dockerfile: `FROM node:20-alpine AS base

FROM base AS builder
WORKDIR /home/build
COPY package*.json ./
COPY tsconfig.json ./
RUN npm install
COPY src/ src/
RUN npm run build

FROM base AS runner
WORKDIR /home/app
COPY --from=builder /home/build/dist dist/
COPY --from=builder /home/build/package*.json ./
RUN npm install --omit=dev
RUN addgroup --system --gid 1001 nodejs
RUN adduser --system --uid 1001 nodejs
USER nodejs
EXPOSE 8000
ENV PORT=8000
CMD ["npm", "start"]
`,
  context: {
    'package.json': { content: apiPackage },
    'tsconfig.json': { content: JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src', strict: true } }, null, 2) },
    'src/index.ts': { content: 'import express from "express";\nconst app = express();\napp.get("/", (_req, res) => res.send("ok"));\napp.listen(Number(process.env.PORT));\n' },
  },
};

// The article's hyde stage copies /_site, but the php images set WORKDIR /var/www/html, so Hyde writes
// /var/www/html/_site and that COPY --from would fail; this fixture names its own WORKDIR instead. It
// also uses node:20-alpine (no node:18 in the catalogue) and Dart Sass, which replaced node-sass.
const hydeConsole = `#!/usr/bin/env php
<?php

// HydePHP's console: load the classes Composer installed, then hand the arguments to the framework.
require __DIR__.'/vendor/autoload.php';

$app = require_once __DIR__.'/app/bootstrap.php';
exit($app->make(Hyde\\Foundation\\ConsoleKernel::class)->handle(new Symfony\\Component\\Console\\Input\\ArgvInput()));
`;

const hydeLock = {
  // Composer 2.5.5's Locker::getContentHash of the composer.json below: the lock is current
  'content-hash': 'd9da48a9f3fd2784fd39acc712fb0a64',
  packages: [
    ['hyde/framework', '1.7.0'],
    ['laravel-zero/framework', '11.36.1'],
    ['league/commonmark', '2.7.1'],
    ['spatie/yaml-front-matter', '2.1.0'],
    ['symfony/yaml', '7.3.3'],
  ].map(([name, version]) => ({ name, version, type: 'library' })),
  'packages-dev': [],
};

const sassHydeHttpd: SeedExample = {
  name: 'sass-hyde-httpd-site',
  dockerfile: `FROM node:20-alpine AS sass
WORKDIR /app
COPY package.json .
COPY package-lock.json .
RUN npm ci
COPY sass/ sass
RUN node_modules/.bin/sass sass/main.scss build/styles.css

FROM php:8.4-cli AS hyde
RUN apt-get update && apt-get install -y git zip unzip
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /site
COPY composer.json .
COPY composer.lock .
COPY _pages/ _pages
COPY _posts/ _posts
COPY hyde .
RUN composer install
RUN php hyde build

FROM httpd:alpine AS httpd
WORKDIR /usr/local/apache2/htdocs
COPY --from=sass /app/build/styles.css .
COPY --from=hyde /site/_site .
`,
  context: {
    'package.json': { content: JSON.stringify({ name: 'site-styles', private: true, devDependencies: { sass: '^1.77.0' } }, null, 2) },
    'package-lock.json': { content: JSON.stringify({ name: 'site-styles', lockfileVersion: 3, packages: { '': { name: 'site-styles', devDependencies: { sass: '^1.77.0' } }, 'node_modules/sass': { version: '1.108.2' } } }, null, 2) },
    'sass/main.scss': { content: '// brand colours\n$accent: #0a7;\n\nbody {\n  margin: 0;\n  a { color: $accent; }\n}\n' },
    'composer.json': { content: JSON.stringify({ require: { php: '^8.2', 'hyde/framework': '^1.7' } }, null, 2) },
    'composer.lock': { content: JSON.stringify(hydeLock, null, 2) },
    '_pages/index.md': { content: '# Welcome\n\nBuilt with **HydePHP** in a multi-stage image.\n' },
    '_posts/first.md': { content: '---\ntitle: First post\n---\n\nHello from the `hyde` stage.\n' },
    hyde: { content: hydeConsole, mode: 0o755 },
  },
};

const appPackage = JSON.stringify({
  name: 'notes',
  version: '0.3.0',
  scripts: { dev: 'node --watch server.js', test: 'node --test', start: 'node server.js' },
  dependencies: { express: '^4.19.2' },
}, null, 2);

const environmentTargets: SeedExample = {
  name: 'dev-test-prod-targets',
  target: 'prod',
  dockerfile: `FROM node:20-alpine AS base
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM base AS dev
COPY . .
CMD ["npm", "run", "dev"]

FROM base AS test
COPY . .
RUN npm test

FROM node:20-alpine AS prod
WORKDIR /app
COPY --from=base /app/node_modules ./node_modules
COPY server.js package.json ./
USER node
CMD ["node", "server.js"]
`,
  context: {
    'package.json': { content: appPackage },
    'package-lock.json': { content: JSON.stringify({ name: 'notes', lockfileVersion: 3, packages: { '': { name: 'notes', dependencies: { express: '^4.19.2' } }, 'node_modules/express': { version: '4.19.2' } } }, null, 2) },
    'server.js': { content: 'require("express")().listen(3000);\n' },
    'server.test.js': { content: 'require("node:test")("works", () => {});\n' },
  },
};

export const SEED_EXAMPLES: readonly SeedExample[] = [goService, nodeToNginx, typescriptApi, sassHydeHttpd, environmentTargets];

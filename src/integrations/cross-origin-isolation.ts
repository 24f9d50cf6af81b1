/**
 * Cross-origin isolation for the whole site. The "run it for real" mode boots a WebContainer, which
 * needs SharedArrayBuffer, which browsers give only to cross-origin isolated pages. Every page gets
 * the headers (not just the playground) so a visitor moving between pages never meets a page that
 * behaves differently; the site loads nothing from other origins, so nothing else is affected.
 *
 * One list, used by the dev and preview servers (astro.config.mjs), the header files written into
 * dist/ for static hosts, the site's own nginx image and the browser tests.
 */
import { writeFile } from 'node:fs/promises';
import type { AstroIntegration } from 'astro';

export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

const entries = Object.entries(isolationHeaders);

/** Netlify and Cloudflare Pages read `_headers` from the published folder. */
export const netlifyHeaders = ['/*', ...entries.map(([name, value]) => `  ${name}: ${value}`)].join('\n') + '\n';

/** Azure Static Web Apps reads `staticwebapp.config.json` from the published folder. */
export const azureConfig = JSON.stringify({ globalHeaders: isolationHeaders }, null, 2) + '\n';

/** Writes the static hosts' header files next to the built pages. */
export function crossOriginIsolation(): AstroIntegration {
  return {
    name: 'stagecraft:cross-origin-isolation',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await writeFile(new URL('_headers', dir), netlifyHeaders);
        await writeFile(new URL('staticwebapp.config.json', dir), azureConfig);
      },
    },
  };
}

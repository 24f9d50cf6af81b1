// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { codeThemes } from './src/components/code-themes.ts';
import { crossOriginIsolation, isolationHeaders } from './src/integrations/cross-origin-isolation.ts';

export default defineConfig({
  site: 'https://stagecraft.example',
  integrations: [mdx(), preact(), crossOriginIsolation()],
  // The WebContainer mode needs cross-origin isolation in `astro dev` and `astro preview` too.
  server: { headers: isolationHeaders },
  markdown: {
    shikiConfig: {
      // Both themes as CSS variables; src/styles/global.css picks one per colour scheme.
      themes: codeThemes,
      defaultColor: false,
    },
  },
});

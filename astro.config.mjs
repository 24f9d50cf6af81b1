// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { codeThemes } from './src/components/code-themes.ts';

export default defineConfig({
  site: 'https://stagecraft.example',
  integrations: [mdx(), preact()],
  markdown: {
    shikiConfig: {
      // Both themes as CSS variables; src/styles/global.css picks one per colour scheme.
      themes: codeThemes,
      defaultColor: false,
    },
  },
});

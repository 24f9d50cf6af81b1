// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { codeThemes } from './src/components/code-themes.ts';

export default defineConfig({
  site: 'https://stagecraft.example',
  integrations: [mdx()],
  // Lessons link to /lessons/<id>/: one URL per page, always with the trailing slash.
  trailingSlash: 'always',
  markdown: {
    shikiConfig: {
      // Both themes as CSS variables; src/styles/global.css picks one per colour scheme.
      themes: codeThemes,
      defaultColor: false,
    },
  },
});

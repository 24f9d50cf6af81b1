/**
 * The shiki themes for every code block, Markdown and <Code> alike (astro.config.mjs imports this).
 * The GitHub "default" pair keeps comments and punctuation at AA contrast on their own backgrounds.
 * Both are emitted as CSS variables (defaultColor: false) and global.css picks one per theme.
 */
export const codeThemes = { light: 'github-light-default', dark: 'github-dark-default' } as const;

/**
 * Optional pages the navigation links to only once they exist, so no build has a dead link.
 * Resolved at build time by Vite's glob import: the playground page arrives in a later issue.
 */
const playgroundPages = import.meta.glob(['../pages/playground.astro', '../pages/playground/index.astro']);

export const hasPlayground: boolean = Object.keys(playgroundPages).length > 0;

/**
 * The build module's API for code in the page (the playground's views, the editor): the BuildResult
 * types and the formatters of its data, with none of the engine. `index.ts` exports `build()` and so
 * pulls the parser, the image catalogue and the shell into any bundle that imports a value from it;
 * page code imports values from here instead and leaves the engine to the worker. progress.ts
 * imports only types, so this stays light (tests/lib/build/view-api.test.ts checks both rules).
 */
export type * from './result.ts';
export { formatProgress, humanSize } from './progress.ts';

/**
 * Where the WebContainer's working folder is: the page boots it with `workdirName: CONTAINER_FOLDER`,
 * and WebContainer puts that folder under /home. The planner needs the absolute path to rewrite
 * absolute paths in commands (`node /app/server.js`).
 */
export const CONTAINER_FOLDER = 'stagecraft';
export const CONTAINER_ROOT = `/home/${CONTAINER_FOLDER}`;

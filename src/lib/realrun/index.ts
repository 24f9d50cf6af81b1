/**
 * "Run it for real": a Node image built in the simulator, replayed and started in a WebContainer.
 * `planRealRun` decides what to do from the engine's facts; `startRealRun` drives a RealContainer.
 */
export type * from './types.ts';
export { planRealRun } from './plan.ts';
export { runsNode } from './runs-node.ts';
export { startRealRun, EXIT_INTERRUPTED, EXIT_MOUNT_FAILED, EXIT_START_FAILED, EXIT_STEP_FAILED } from './execute.ts';
export { NODE_TOOLS } from './node-tools.ts';

/**
 * Predict questions answered by the simulator: build the question's Dockerfile and derive the
 * choices, the right ones and every explanation from the BuildResult.
 */
export type { PredictAsk, PredictSpec, PredictedChoice, PredictedQuestion } from './types.ts';
export { predictChoices } from './answer.ts';

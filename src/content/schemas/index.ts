export { contentId } from './id.ts';
export { lessonSchema, type Lesson } from './lesson.ts';
export { quizSchema, quizQuestionSchema, quizChoiceSchema, quizPredictSchema, type Quiz, type QuizQuestion } from './quiz.ts';
export { exerciseSchema, exerciseGoalSchema, type Exercise, type ExerciseGoal } from './exercise.ts';
export { misconceptionSchema, type Misconception } from './misconception.ts';

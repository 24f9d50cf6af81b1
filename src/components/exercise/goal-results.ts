/** Renders a goal report as DOM (text only, no HTML from data): one item per goal. */
import type { GoalReport } from '../../lib/checks/goals/index.ts';

/** Text with `code` spans as <code> elements. */
export function inlineCode(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  text.split('`').forEach((part, i) => {
    if (i % 2 === 1) {
      const code = document.createElement('code');
      code.textContent = part;
      fragment.append(code);
    } else fragment.append(part);
  });
  return fragment;
}

export function renderGoalResults(list: HTMLElement, report: GoalReport): void {
  list.replaceChildren(
    ...report.results.map((result) => {
      const item = document.createElement('li');
      item.className = result.passed ? 'goal-result pass' : 'goal-result fail';
      const head = document.createElement('p');
      head.className = 'goal-head';
      const verdict = document.createElement('strong');
      verdict.textContent = result.passed ? '✓ Met: ' : '✗ Not yet: ';
      head.append(verdict, inlineCode(result.goal.description));
      const observed = document.createElement('p');
      observed.className = 'goal-observed';
      observed.append(inlineCode(result.observed));
      item.append(head, observed);
      if (!result.passed && result.explanation !== '') {
        const why = document.createElement('p');
        why.className = 'goal-explanation';
        why.append(inlineCode(result.explanation));
        item.append(why);
      }
      return item;
    }),
  );
}

/** The result views a playground can show, in display order. */
export const viewNames = ['graph', 'steps', 'image', 'log', 'hints'] as const;
export type ViewName = (typeof viewNames)[number];

export const viewTitles: Record<ViewName, string> = {
  graph: 'Stage graph',
  steps: 'Steps and cache',
  image: 'Final image',
  log: 'Build log',
  hints: 'Hints',
};

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/lib/**/*.test.ts', 'tests/content/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/components/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});

// No test is bound to wall-clock speed: on a loaded two-core machine a test may take many times its usual time,
// so the per-test limit only catches a hang (speed is measured by `npm run bench`, never by tests).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // every core runs test files (vitest's default leaves one idle, which on two cores is half the machine)
    maxWorkers: availableParallelism(),
    minWorkers: 1,
    // test files share their worker's module graph instead of loading it anew each (a third of the collect time on
    // two cores, 105 s to 92 s wall for the suite); no test depends on module state another file leaves
    isolate: false,
    // a turn of each worker's event loop between tests (see the file)
    setupFiles: ['scripts/vitest-yield.ts'],
  },
});

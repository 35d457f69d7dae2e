// Lets each test worker's event loop turn between tests. Many CLI tests run the built binary with spawnSync, so a
// file of them blocks its worker for minutes with only promise callbacks (microtasks) between its tests; a reply to
// the worker's "onTaskUpdate" call then waits past vitest's 60-second RPC limit on a loaded machine, and the run
// ends with "Timeout calling onTaskUpdate" although every test passed. A macrotask after each test (setImmediate
// runs after the poll phase) lets those replies in.
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

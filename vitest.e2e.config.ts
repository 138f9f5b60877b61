import { defineConfig } from "vitest/config";

/** `npm run test:e2e`: tests that need system packages (Debian chromium, redis-server). */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});

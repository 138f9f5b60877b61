/**
 * The planner off the request thread (server/planner/pool.ts): the pool gives plan()'s results, a
 * province-size solve leaves the server answering, close() ends the threads, and a failing worker costs
 * one request a 500, not the server. Nothing here waits on the clock: the orderings are what is asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInstance, SCALES } from "../../bench/generate.js";
import { plan } from "../../server/planner/index.js";
import { createPlannerPool, type Planner, type PlannerPool } from "../../server/planner/pool.js";
import type { PlannerInput, PlanResult } from "../../shared/planner.js";
import { request, startServer, type Client, type TestServer } from "../helpers/server.js";

const fixture = (name: string) => new URL(`../fixtures/planner-workers/${name}.ts`, import.meta.url);
/** What must not depend on where plan() ran (stats.solveMs does). */
const essence = (r: PlanResult) => ({ objective: r.objective, assignments: r.assignments, unfilled: r.unfilled, metrics: r.metrics });

describe("the planner pool", () => {
  let server: TestServer;
  let coord: Client;
  const pool = createPlannerPool();
  /** True from the moment the server hands an input to the planner until the result is back. */
  let solving = false;
  async function watch<T>(work: () => Promise<T>): Promise<T> {
    solving = true;
    try {
      return await work();
    } finally {
      solving = false;
    }
  }
  const watched: Planner = {
    solve: (input) => watch(() => pool.solve(input)),
    simulate: (raw) => watch(() => pool.simulate(raw)),
    close: () => pool.close(),
  };
  beforeAll(async () => {
    server = await startServer({ seed: "accounts", planner: watched });
    coord = await server.as("koordinator");
  });
  afterAll(async () => {
    await server.close();
    await pool.close();
  });

  it("gives what plan() gives on the same input, directly and through POST /plans/simulate", async () => {
    for (const input of [generateInstance(SCALES.small), generateInstance(SCALES.kupang)]) {
      const direct = plan(input);
      expect(direct.assignments.length).toBeGreaterThan(0);
      expect(essence(await pool.solve(input))).toEqual(essence(direct));
      const res = await coord.post("/plans/simulate", input);
      expect(res.status).toBe(200);
      expect(essence(res.body as PlanResult)).toEqual(essence(direct));
    }
  });

  it("moves a body that fills its buffer to the worker (a view into a larger one is copied) and the answer's bytes back whole", async () => {
    const input = generateInstance(SCALES.small);
    const bytes = new TextEncoder().encode(JSON.stringify(input));
    const length = bytes.byteLength;
    const inside = new Uint8Array(length + 2);
    inside.set(bytes, 1);
    const view = inside.subarray(1, 1 + length);
    const fromView = await pool.simulate(view);
    expect(view.byteLength).toBe(length); // still the caller's
    const moved = await pool.simulate(bytes);
    expect(bytes.byteLength).toBe(0); // detached: handed over
    const direct = essence(plan(input));
    for (const outcome of [fromView, moved]) {
      expect(outcome.ok).toBe(true);
      expect(essence(JSON.parse(new TextDecoder().decode(outcome.ok ? outcome.json : undefined)) as PlanResult)).toEqual(direct);
    }
  });

  it("answers /api/health again and again while a province-size simulate is being solved", async () => {
    const province: PlannerInput = generateInstance(SCALES.province);
    expect(province.staff.length).toBe(100_000);
    let done = false;
    const simulate = coord.post("/plans/simulate", province).finally(() => (done = true));
    // This test, its client and the server share one thread: with plan() on it (the old path) no answer
    // can arrive while `solving` (a pending request can still be answered while the body uploads).
    let duringSolve = 0;
    while (!done) {
      const health = await request(server.url, "GET", "/health");
      expect(health.status).toBe(200);
      if (solving) duringSolve++;
    }
    const res = await simulate;
    expect(res.status).toBe(200);
    expect((res.body as PlanResult).assignments.length).toBeGreaterThan(0);
    expect(duringSolve).toBeGreaterThanOrEqual(5);
  });

  it("app.close() ends the app's own worker threads, and the pool takes no solve after", async () => {
    const own = await startServer({ seed: "accounts" });
    const pool = own.app.planner as PlannerPool;
    expect(pool.threads).toBe(0); // none before the first solve
    const res = await (await own.as("koordinator")).post("/plans/simulate", generateInstance(SCALES.small));
    expect(res.status).toBe(200);
    expect(pool.threads).toBe(1);
    await own.close();
    expect(pool.threads).toBe(0);
    await expect(pool.solve(generateInstance(SCALES.small))).rejects.toThrow(/closed/);
    expect(pool.threads).toBe(0);
  });

  it("refuses more solves than threads + queue at once as rate_limited", async () => {
    const pool = createPlannerPool({ maxThreads: 1, maxQueue: 1 });
    try {
      const input = generateInstance(SCALES.small);
      const runs = await Promise.allSettled([pool.solve(input), pool.solve(input), pool.solve(input)]);
      expect(runs.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
      expect((runs[2] as PromiseRejectedResult).reason).toMatchObject({ code: "rate_limited" });
    } finally {
      await pool.close();
    }
  });
});

describe("a failing planner worker", () => {
  const world = generateInstance(SCALES.small);
  // Nothing of the failure reaches the client but the request id it can quote (the stack is in the log).
  const internal = { error: { code: "internal", message: "Internal error", requestId: expect.any(String) } };

  it("a thrown error and a thread that dies are each a 500 for that request; the server goes on", async () => {
    const pool = createPlannerPool({ worker: fixture("failing") });
    const failing = await startServer({ seed: "accounts", planner: pool });
    try {
      const coord = await failing.as("koordinator");
      const thrown = await coord.post("/plans/simulate", world);
      expect(thrown).toEqual({ status: 500, body: internal });
      const died = await coord.post("/plans/simulate", { ...world, needs: [] });
      expect(died).toEqual({ status: 500, body: internal });
      // createPlan goes through the same planner (the store has no needs: the thread dies again).
      expect(await coord.post("/plans")).toEqual({ status: 500, body: internal });
      expect((await request(failing.url, "GET", "/health")).status).toBe(200);
      // The pool replaced the dead thread: the next solve reaches a worker again.
      expect(await coord.post("/plans/simulate", world)).toEqual({ status: 500, body: internal });
    } finally {
      await failing.close();
      // Injected, so the app left it open; it is ours to close.
      await pool.close();
    }
    expect(pool.threads).toBe(0);
  });

  it("a worker that cannot load fails the solves waiting for it instead of leaving them pending", async () => {
    const pool = createPlannerPool({ worker: fixture("broken") });
    const broken = await startServer({ seed: "accounts", planner: pool });
    try {
      const coord = await broken.as("koordinator");
      const [a, b] = await Promise.all([coord.post("/plans/simulate", world), coord.post("/plans/simulate", world)]);
      expect(a).toEqual({ status: 500, body: internal });
      expect(b).toEqual({ status: 500, body: internal });
      expect((await request(broken.url, "GET", "/health")).status).toBe(200);
    } finally {
      await broken.close();
      await pool.close();
    }
    expect(pool.threads).toBe(0);
  });
});

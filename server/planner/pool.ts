/**
 * The planner off the request thread: plan() in a piscina worker pool, so that a province-size solve
 * (100,000 staff, about a second of CPU) does not hold up /api/health, other requests or live pushes.
 * A solve's input is structured-cloned to the worker; a what-if body is moved there as bytes and parsed
 * there, and its answer's JSON bytes are moved back (simulate.ts).
 *
 * The worker is worker.ts or worker.js, whichever extension this file has. Compiled to JS, worker.js loads
 * as it is. Under tsx (the server) and vitest (the tests) it is TypeScript, and a worker thread gets neither
 * vitest's transform nor the main thread's loader, so it is started with `--import tsx`. On Node 20 only
 * the require() hook of tsx takes effect in a worker thread (ESM loader hooks cannot be set for a worker:
 * nodejs/node#47747, privatenumber/tsx#354); piscina loads the worker with require() first, which tsx
 * compiles to CommonJS. So worker.ts and what it imports must stay require()-able: no top-level await.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { DomainError } from "../../shared/errors.js";
import type { PlannerInput, PlanResult } from "../../shared/planner.js";
import { log } from "../log.js";
import { plan } from "./index.js";
import { simulateJson, type SimulateOutcome } from "./simulate.js";

/** What the server needs of a planner: solve one input, answer a raw what-if body, and let go of whatever runs the solves. */
export interface Planner {
  solve(input: PlannerInput): Promise<PlanResult>;
  /**
   * POST /api/plans/simulate's body as bytes: parsed, validated and solved off the event loop (simulate.ts).
   * The bytes are handed over (moved to the worker when they fill their ArrayBuffer): not to be read after.
   */
  simulate(raw: Uint8Array): Promise<SimulateOutcome>;
  close(): Promise<void>;
}

export interface PlannerPoolOptions {
  /** Worker threads at most; default 1 on a 2-core machine (one core stays with the event loop), at most 2. */
  maxThreads?: number;
  /** An idle thread exits after this long (default IDLE_TIMEOUT_MS); the next solve starts one again. */
  idleTimeoutMs?: number;
  /** Solves waiting for a thread at most (default 8); one more is refused as rate_limited (429). */
  maxQueue?: number;
  /** The worker module, whose default export is (input) => PlanResult; default the worker next to this file. */
  worker?: string | URL;
}

export interface PlannerPool extends Planner {
  /** Worker threads alive now: 0 before the first solve, after the idle timeout and after close(). */
  readonly threads: number;
}

/**
 * 15 minutes: a coordinator's what-ifs come minutes apart (look at the plan, change a need, ask again), and a
 * thread started afresh runs its first solve in cold code: a Kupang-size what-if took about 0.45 s then
 * against 0.05 s warm. With 60 s most what-ifs paid that. An idle thread costs no CPU and does not hold
 * the process open (piscina unrefs it), only its memory: about 60 MB after a Kupang-size what-if, 120 MB
 * after a province-size one, given back when it exits.
 */
export const IDLE_TIMEOUT_MS = 15 * 60_000;

/** worker.ts next to pool.ts, worker.js next to pool.js. */
export const DEFAULT_WORKER = new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** A TypeScript worker needs tsx in its thread; a JS one inherits the process's execArgv (Node's default). */
function execArgvFor(file: string): string[] | undefined {
  if (!/\.[cm]?ts$/.test(file)) return undefined;
  // An absolute URL, so the flag works whatever the working directory is.
  return ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href];
}

/**
 * A body's bytes are moved to the worker, not copied, when they are the whole of their ArrayBuffer (a body
 * read by express.raw is); the caller must not read them afterwards.
 */
function ownBuffer(task: PlannerInput | Uint8Array): ArrayBuffer[] | undefined {
  if (!(task instanceof Uint8Array) || !(task.buffer instanceof ArrayBuffer)) return undefined;
  return task.byteOffset === 0 && task.byteLength === task.buffer.byteLength ? [task.buffer] : undefined;
}

export function createPlannerPool(options: PlannerPoolOptions = {}): PlannerPool {
  const filename = options.worker instanceof URL ? fileURLToPath(options.worker) : options.worker ?? fileURLToPath(DEFAULT_WORKER);
  const execArgv = execArgvFor(filename);
  const maxThreads = options.maxThreads ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  // Counted here, not by piscina's maxQueue: a task that carries an AbortSignal waits in a queue of
  // piscina's that maxQueue does not count.
  const maxQueue = options.maxQueue ?? 8;
  const pool = new Piscina<PlannerInput | Uint8Array, PlanResult | SimulateOutcome>({
    filename,
    // Threads start on the first solve, not with the server (most processes, and most tests, never plan).
    minThreads: 0,
    maxThreads,
    idleTimeout: options.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
    ...(execArgv ? { execArgv } : {}),
    // Without its Atomics.wait between tasks, so the thread's event loop turns and young-gc.ts collects
    // the task's garbage then; waking by a message costs microseconds against a solve's milliseconds.
    atomics: "disabled",
  });
  /** Solves running or queued. */
  const waiting = new Set<AbortController>();
  // A worker that fails with no task of its own (piscina emits it on the pool) must not take the server down.
  pool.on("error", (error: unknown) => {
    log.error({ err: error }, "planner pool: a worker failed");
    // One that fails while loading has taken no task yet, and piscina starts no other thread for the queued
    // ones, which would wait for ever. With no thread left nothing is running: every waiting solve fails.
    if (pool.threads.length === 0) for (const c of waiting) c.abort(error);
  });
  let closed: Promise<void> | undefined;
  async function run(task: PlannerInput | Uint8Array, name: "default" | "simulate") {
    // piscina would start a thread again once its close() is over, and that thread would hold the process.
    if (closed) throw new Error("the planner pool is closed");
    if (waiting.size >= maxThreads + maxQueue) throw new DomainError("rate_limited", "The planner is busy; try again shortly");
    const c = new AbortController();
    waiting.add(c);
    try {
      return await pool.run(task, { signal: c.signal, name, transferList: ownBuffer(task) });
    } catch (error) {
      throw c.signal.aborted ? c.signal.reason : error;
    } finally {
      waiting.delete(c);
    }
  }
  return {
    solve: (input) => run(input, "default") as Promise<PlanResult>,
    simulate: (raw) => run(raw, "simulate") as Promise<SimulateOutcome>,
    /** Refuses the queued solves, lets the running ones finish (piscina's closeTimeout, 30 s), ends every thread. */
    close() {
      closed ??= pool.close({ force: true });
      return closed;
    },
    get threads() {
      return pool.threads.length;
    },
  };
}

/**
 * plan() on the calling thread, behind the same interface: the synchronous path the pool replaced,
 * kept for comparison (bench/responsiveness.ts) and for callers that want no threads.
 */
export function inProcessPlanner(): Planner {
  return {
    async solve(input) {
      return plan(input);
    },
    async simulate(raw) {
      return simulateJson(raw);
    },
    async close() {},
  };
}

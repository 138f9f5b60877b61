/**
 * Host of the planner's WebAssembly kernel (assembly/, built into kernel.wasm by `npm run build:kernel`):
 * the module is compiled and instantiated once per process or worker thread, and holds one network at a
 * time. A fresh instance per plan cost a new memory each time, page faults and garbage collection: 4–8 ms
 * of a 27 ms warm plan. This file only moves arrays in and out; graph.ts and solve.ts say what they mean.
 */
import { readFileSync } from "node:fs";
import { SKILLS } from "../../../shared/domain.js";
import { UNBOUNDED, type Network } from "../network.js";

/** The module's exports (assembly/index.ts). */
export type Kernel = {
  memory: WebAssembly.Memory;
  reset(): void;
  constant(i: number): number;
  startRange(units: number, needs: number): void;
  rangeField(i: number): number;
  inRange(): void;
  haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number;
  startLeftOut(units: number, staff: number): void;
  leftOutField(i: number): number;
  cheapestLeftOut(): void;
  startRoster(units: number, needs: number, staff: number, marginalTotal: number): void;
  rosterField(i: number): number;
  buildGraph(distanceWeight: number, priorityWeight: number): void;
  graphField(i: number): number;
  graphCount(i: number): number;
  networkField(i: number): number;
  networkCount(i: number): number;
  networkMaxAbsCost(): number;
  flowBound(source: number, sink: number): number;
  solve(source: number, sink: number, maxRelabelled: number): number;
  flow(): number;
  augmentations(): number;
  relabelled(): number;
};

/** The thread's kernel, and which network it holds now (KernelNetwork.generation). */
let instance: Kernel | undefined;
let generation = 0;
/**
 * A kernel whose memory grew past this (Kupang size needs 8 MB, province size 128 MB) is let go after
 * its plan (releaseLargeKernel) rather than kept: an idle worker does not sit on the memory.
 */
const KEEP_MEMORY_BYTES = 64 * 2 ** 20;

/** The kernel, holding the network of one buildGraph until the next one replaces it. */
export type KernelNetwork = { readonly kernel: Kernel; readonly generation: number };

/** The thread's kernel, emptied for a new network: whatever an earlier network left in it is gone. */
export function takeKernel(): KernelNetwork {
  instance ??= instantiate();
  instance.reset();
  return { kernel: instance, generation: ++generation };
}

/** Lets the kernel go when a plan grew it past KEEP_MEMORY_BYTES (plan() calls it when done with it). */
export function releaseLargeKernel(): void {
  if (instance && instance.memory.buffer.byteLength > KEEP_MEMORY_BYTES) {
    instance = undefined;
    generation++;
  }
}

/** The kernel of a network that is still the one it holds (a later buildGraph replaces it). */
export function live(net: KernelNetwork): Kernel {
  if (net.generation !== generation) throw new Error("planner kernel: this network was replaced by a later one");
  return net.kernel;
}

let compiled: WebAssembly.Module | undefined;

function instantiate(): Kernel {
  compiled ??= new WebAssembly.Module(readFileSync(new URL("./kernel.wasm", import.meta.url)));
  const imports = {
    env: {
      // Only the kernel's own checks abort (bounds are not checked): a broken invariant, never bad input.
      abort(_message: number, _file: number, line: number, column: number) {
        throw new Error(`planner kernel: internal check failed at line ${line}:${column}`);
      },
      // JavaScript's own, so that the kernel's km are geo.ts's bit for bit (assembly/range.ts).
      cos: Math.cos,
      sin: Math.sin,
      asin: Math.asin,
      pow: Math.pow,
    },
  };
  const k = new WebAssembly.Instance(compiled, imports).exports as unknown as Kernel;
  // The kernel's constants are written in its own language: held to these once, when a thread first plans.
  if (k.constant(0) !== SKILLS.length || k.constant(1) !== UNBOUNDED) {
    throw new Error(`planner kernel built for ${k.constant(0)} skills and capacity ${k.constant(1)}, not ${SKILLS.length} and ${UNBOUNDED}: npm run build:kernel`);
  }
  return k;
}

type ArrayKind = typeof Int32Array | typeof Float64Array | typeof Uint8Array;

/** A view of `length` elements at `ptr`, valid until the memory next grows (read it, or copy it, at once). */
export function view<T extends ArrayKind>(k: Kernel, Kind: T, ptr: number, length: number): InstanceType<T> {
  return new Kind(k.memory.buffer, ptr, length) as InstanceType<T>;
}

/** Network array i (assembly/index.ts networkField) in the order of the Network type. */
const NETWORK_FIELDS = [
  ["from", Int32Array, "m"],
  ["to", Int32Array, "m"],
  ["cap", Int32Array, "m"],
  ["cost", Float64Array, "m"],
  ["mStart", Int32Array, "m"],
  ["marginals", Float64Array, "marginals"],
  ["runEnd", Int32Array, "marginals"],
  ["runStart", Int32Array, "marginals"],
  ["arcStart", Int32Array, "n+1"],
  ["outEnd", Int32Array, "n"],
  ["arcs", Int32Array, "2m"],
  ["arcHead", Int32Array, "2m"],
] as const;

/** The network the kernel built, copied out (cost scaling and the simplex, in JavaScript, read it). */
export function networkOf(net: KernelNetwork): Network {
  const k = live(net);
  const n = k.networkCount(0);
  const m = k.networkCount(1);
  const lengths = { m, marginals: k.networkCount(2), "n+1": n + 1, n, "2m": 2 * m };
  const arrays = Object.fromEntries(NETWORK_FIELDS.map(([name, Kind, size], i) => [name, view(k, Kind, k.networkField(i), lengths[size]).slice()]));
  return { nodeCount: n, edgeCount: m, maxAbsCost: k.networkMaxAbsCost(), ...arrays } as unknown as Network;
}

export type FlowResult = {
  /** Flow on each edge. */
  flow: Int32Array;
  /** False when the work budget ran out first: the flow is then feasible but not yet optimal. */
  finished: boolean;
  augmentations: number;
  /** Nodes whose distance was recomputed over all augmentations (the work the incremental tree did). */
  relabelled: number;
};

/**
 * Min-cost flow by successive shortest paths (assembly/ssp.ts) on the network the kernel built; gives up
 * (finished: false) once more than maxRelabelled node distances have been recomputed.
 */
export function minCostFlow(net: KernelNetwork, source: number, sink: number, maxRelabelled = Infinity): FlowResult {
  const k = live(net);
  const finished = k.solve(source, sink, maxRelabelled) === 1;
  const flow = view(k, Int32Array, k.flow(), k.networkCount(1)).slice();
  return { flow, finished, augmentations: k.augmentations(), relabelled: k.relabelled() };
}

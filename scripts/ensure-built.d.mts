/** Types of ensure-built.mjs (plain JavaScript so that `npm start` needs no TypeScript loader). */
import type { SpawnSyncReturns, StdioOptions } from "node:child_process";
export declare const ROOT: string;
export declare function ensureBuilt(options: { required: boolean }): boolean;
export declare function runBuild(stdio: StdioOptions): SpawnSyncReturns<string>;

/** Types of build-stamp.mjs (plain JavaScript so that `npm start` needs no TypeScript loader). */
export declare const BUILD_INPUTS: readonly string[];
export declare const BUILD_OUTPUTS: readonly string[];
export declare const STAMP: string;
export declare function hashInputs(root: string): Record<string, string>;
export declare function clearStamp(root: string): void;
export declare function writeStamp(root: string, files: Record<string, string>): void;
export declare function staleReason(root: string): string | null;

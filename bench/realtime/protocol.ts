/** Messages between bench/realtime.ts and its client workers (bench/realtime-worker.ts), over fork IPC. */
export interface Start {
  type: "start";
  mode: "siaga" | "floor";
  /** Siaga: the http origin (the worker appends /live); floor: the ws:// URL. */
  url: string;
  token: string;
  /** The seq to resume from (Siaga only). */
  since: number | null;
  /** Siaga: resume with `batch: true` and take pushes as `events` arrays (the dashboard's form). */
  batch: boolean;
  count: number;
  /** Handshakes in flight at once per worker. */
  concurrency: number;
}

export interface Report {
  count: number;
  /** Arrivals with a seq lower than one this connection already had. */
  reordered: number;
  duplicates: number;
  disconnects: number;
  /** Per seq: the event's `<id>@<version>` and the arrival time per connection (NaN = never arrived). */
  perSeq: { seq: number; key: string; times: Float64Array }[];
}

export type WorkerMessage =
  | { type: "ready"; connected: number; failed: number; firstError: string; connectMs: number }
  | { type: "progress"; missing: number }
  | ({ type: "report" } & Report);

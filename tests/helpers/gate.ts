/**
 * Holding a LiveClient away from the server for exactly as long as a test needs, whatever the
 * machine's speed: a retry delay is no way to keep a client off while the test does work, since a busy
 * machine takes longer than any delay.
 */
import { io } from "socket.io-client";
import type { LiveClientOptions } from "../../client/live/client.js";

type IoFactory = NonNullable<LiveClientOptions["io"]>;

/**
 * An `io` factory for LiveClient whose socket connects as usual until `hold()`; from then on every
 * connection attempt (the client's own retry through `socket.connect()`, or Socket.IO's reconnection)
 * waits at the gate, and goes ahead when the test calls `release()`.
 *
 * Release only while the client runs: an attempt released after `stop()` would open a connection
 * nobody closes. A gate never released holds its attempts for ever, which is what a failed test wants.
 */
export class ConnectionGate {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  /** Connection attempts that reached the gate while it was held. */
  waiting = 0;

  hold(): void {
    if (this.gate) return;
    this.gate = new Promise<void>((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = this.open = null;
  }

  readonly io: IoFactory = (uri, opts) => {
    // A manager of its own: the one Socket.IO caches per origin may be shared with other sockets.
    const socket = io(uri, { ...opts, forceNew: true });
    const manager = socket.io;
    const open = manager.open.bind(manager);
    // Every (re)connection goes through Manager.open; the first one has already started here.
    manager.open = ((fn?: (err?: Error) => void) => {
      const gate = this.gate;
      if (!gate) return open(fn);
      this.waiting++;
      void gate.then(() => open(fn));
      return manager;
    }) as typeof manager.open;
    return socket as unknown as ReturnType<IoFactory>;
  };
}

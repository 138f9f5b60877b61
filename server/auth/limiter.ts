import { DomainError } from "../../shared/errors.js";
import type { Clock } from "../clock.js";

const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;

/** Slows password guessing: after 10 failures for a username within 5 minutes, 429 until the window passes. */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(private readonly clock: Clock) {}

  check(username: string) {
    const entry = this.failures.get(username);
    if (!entry) return;
    const now = this.clock.now().getTime();
    if (now - entry.since > WINDOW_MS) this.failures.delete(username);
    else if (entry.count >= MAX_FAILURES) throw new DomainError("rate_limited", "Too many failed sign-ins; wait a few minutes");
  }

  failed(username: string) {
    const now = this.clock.now().getTime();
    // Guesses at made-up usernames would otherwise grow the map for ever: drop lapsed entries now and then.
    if (this.failures.size > 1_000) for (const [name, e] of this.failures) if (now - e.since > WINDOW_MS) this.failures.delete(name);
    const entry = this.failures.get(username);
    if (!entry || now - entry.since > WINDOW_MS) this.failures.set(username, { count: 1, since: now });
    else entry.count++;
  }

  succeeded(username: string) {
    this.failures.delete(username);
  }
}

/**
 * The sign-in limiter (issue 16, item 3), on rate-limiter-flexible. Every attempt RESERVES a point in
 * each budget before its password is hashed, so a burst of concurrent guesses cannot all be evaluated;
 * a successful sign-in gives its points back, so only failures (and attempts in flight) count.
 *
 * - account + client: 10 failures, then a lock that doubles with each further lock (1 min … 1 h); a
 *   correct password from that client clears it. This is the only budget an owner shares with nobody.
 * - client: 40 attempts per 10 minutes over all accounts (one password tried across many accounts).
 * - account: 100 failures per hour over all clients (one account guessed from many addresses).
 * - global: 600 failures per minute (what the CPU can afford to hash for guessers).
 *
 * An anonymous client can never lock the owner out: a client that signed in to the account before (its
 * known client) skips the account and global budgets, which others can exhaust; its own budgets are
 * filled only by its own attempts.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "../../shared/errors.js";

export const LOGIN_LIMITS = {
  accountClient: { points: 10, duration: 3600 },
  client: { points: 40, duration: 600 },
  account: { points: 100, duration: 3600 },
  global: { points: 600, duration: 60 },
  /** The first lock of an account + client and the longest, in seconds. */
  lockS: { first: 60, max: 3600 },
  /** How long a client stays known to an account after a successful sign-in. */
  knownForS: 30 * 24 * 3600,
} as const;

/** Beyond this many remembered (account, client) pairs the oldest are forgotten. */
const KNOWN_MAX = 50_000;

/** A reservation of one attempt: `succeeded` or `failed` settles it. */
export interface Attempt {
  succeeded(): Promise<void>;
  failed(): Promise<void>;
  /** Neither: the check itself could not be made (a store error); the points go back. */
  release(): Promise<void>;
}

export class LoginLimiter {
  private readonly accountClient = new RateLimiterMemory({ keyPrefix: "ac", ...LOGIN_LIMITS.accountClient });
  /** How many times an account + client was locked in the last day: the back-off's exponent. */
  private readonly strikes = new RateLimiterMemory({ keyPrefix: "st", points: 1_000_000, duration: 24 * 3600 });
  private readonly client = new RateLimiterMemory({ keyPrefix: "cl", ...LOGIN_LIMITS.client });
  private readonly account = new RateLimiterMemory({ keyPrefix: "acc", ...LOGIN_LIMITS.account });
  private readonly global = new RateLimiterMemory({ keyPrefix: "gl", ...LOGIN_LIMITS.global });
  /** `account\u0000client` → when it last signed in (ms), in insertion order for forgetting. */
  private readonly known = new Map<string, number>();

  /** Reserves one attempt of `username` from `clientKey` in every budget that applies, or throws 429. */
  async reserve(username: string, clientKey: string): Promise<Attempt> {
    const account = username.toLowerCase();
    const pair = `${account}\u0000${clientKey}`;
    const known = this.isKnown(pair);
    const budgets: [RateLimiterMemory, string][] = [[this.accountClient, pair], [this.client, clientKey]];
    if (!known) budgets.push([this.account, account], [this.global, "all"]);
    const taken: [RateLimiterMemory, string][] = [];
    for (const [limiter, key] of budgets) {
      try {
        await limiter.consume(key);
        taken.push([limiter, key]);
      } catch (error) {
        for (const [l, k] of taken) await l.reward(k);
        if (error instanceof RateLimiterRes) {
          if (limiter === this.accountClient && error.consumedPoints === LOGIN_LIMITS.accountClient.points + 1) await this.lock(pair);
          const wait = limiter === this.accountClient ? (await this.accountClient.get(pair))?.msBeforeNext ?? error.msBeforeNext : error.msBeforeNext;
          throw tooMany(wait);
        }
        throw error;
      }
    }
    return {
      succeeded: async () => {
        await this.accountClient.delete(pair);
        for (const [l, k] of taken.slice(1)) await l.reward(k);
        this.remember(pair);
      },
      // A failure keeps its points; at the tenth the next attempt locks (reserve above).
      failed: async () => {},
      release: async () => {
        for (const [l, k] of taken) await l.reward(k);
      },
    };
  }

  /** Locks the pair for 1 min, doubled per earlier lock today, at most 1 h. */
  private async lock(pair: string): Promise<void> {
    const strike = await this.strikes.consume(pair);
    const seconds = Math.min(LOGIN_LIMITS.lockS.max, LOGIN_LIMITS.lockS.first * 2 ** (strike.consumedPoints - 1));
    await this.accountClient.block(pair, seconds);
  }

  private isKnown(pair: string): boolean {
    const at = this.known.get(pair);
    return at !== undefined && Date.now() - at < LOGIN_LIMITS.knownForS * 1000;
  }

  private remember(pair: string): void {
    this.known.delete(pair);
    this.known.set(pair, Date.now());
    if (this.known.size > KNOWN_MAX) this.known.delete(this.known.keys().next().value!);
  }
}

function tooMany(ms: number): DomainError {
  const retryAfterS = Math.max(1, Math.ceil(ms / 1000));
  return new DomainError("rate_limited", `Too many sign-in attempts; try again in ${retryAfterS} s`, { retryAfterS });
}

import type { Ctx } from "../context.js";

/** Placeholder until relief lands: proposes nothing. */
export async function sweepRelief(_ctx: Ctx): Promise<number> {
  return 0;
}

import type { Request } from "express";
import { DomainError } from "../../shared/errors.js";

/** A named path parameter as a string (Express types widen them once middleware sits in front). */
export function param(req: Request, name: string): string {
  const value = (req.params as Record<string, unknown>)[name];
  if (typeof value !== "string") throw new DomainError("validation", `Missing path parameter ${name}`);
  return value;
}

import { Router, type Request } from "express";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { param } from "../http/params.js";
import { renderLetter, renderLetters } from "../documents/letter.js";
import { surat } from "./layout.js";
import { assignmentLetter, letterInfo, planLetters } from "./service.js";

export interface LetterOptions {
  /** SIAGA_PUBLIC_URL: the origin printed in letters' verify links; default the origin the request came to. */
  publicUrl?: string | undefined;
}

const fileName = (number: string) => `surat-tugas-${number.replace(/[^A-Za-z0-9]+/g, "-")}.pdf`;

export function letterRoutes(ctx: Ctx, options: LetterOptions = {}): Router {
  const router = Router();
  const baseUrl = (req: Request) => options.publicUrl ?? `${req.protocol}://${req.get("host")}`;
  router.get("/assignments/:id/letter", guard("letter.read"), async (req, res) => {
    res.json(letterInfo(await assignmentLetter(ctx, currentUser(res), param(req, "id"), baseUrl(req))));
  });
  router.get("/assignments/:id/letter.pdf", guard("letter.read"), async (req, res) => {
    const letter = await assignmentLetter(ctx, currentUser(res), param(req, "id"), baseUrl(req));
    res.type("application/pdf").set("Cache-Control", "private, no-store").attachment(fileName(letter.number)).send(await renderLetter(surat(letter)));
  });
  router.get("/plans/:id/letters.pdf", guard("letter.plan"), async (req, res) => {
    const letters = await planLetters(ctx, currentUser(res), param(req, "id"), baseUrl(req));
    res.type("application/pdf").set("Cache-Control", "private, no-store").attachment(`surat-tugas-rencana-${param(req, "id")}.pdf`)
      .send(await renderLetters(letters.map(surat)));
  });
  return router;
}

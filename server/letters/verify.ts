/**
 * GET /verify/:code: the public page a letter's QR code and short link open (no login). It confirms the
 * letter's number, the person's name and the period, and nothing private (the NIP masked, no phone).
 * Server-rendered Bahasa Indonesia with no script at all and its stylesheet from /verify.css, so it holds
 * under a CSP of script-src 'self' and works on any phone.
 */
import { Router, type Response } from "express";
import { maskNip, VerifyCode } from "../../shared/letters.js";
import { DomainError } from "../../shared/errors.js";
import type { Ctx } from "../context.js";
import { tanggal } from "../documents/dates.js";
import { letterByCode } from "./service.js";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b2430}
main{max-width:34rem;margin:2rem auto;background:#fff;border-radius:12px;padding:1.5rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.3rem;margin:0 0 .25rem}.kop{color:#555;margin:0 0 1rem;font-size:.9rem}
.ok{background:#e3f6e8;color:#14532d;padding:.6rem .8rem;border-radius:8px;font-weight:600}
.bad{background:#fde8e8;color:#7f1d1d;padding:.6rem .8rem;border-radius:8px;font-weight:600}
dl{display:grid;grid-template-columns:9rem 1fr;gap:.4rem .8rem;margin:1rem 0 0}dt{color:#555}dd{margin:0;font-weight:600}
footer{margin-top:1.2rem;font-size:.8rem;color:#666}`;

function page(res: Response, status: number, body: string) {
  res.status(status)
    .set({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff" })
    .type("html")
    .send(`<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Verifikasi Surat Perintah Tugas · Siaga</title><link rel="stylesheet" href="/verify.css"></head>
<body><main>${body}<footer>Siaga · Pemerintah Kota Kupang. Halaman ini hanya menampilkan data yang diperlukan untuk memeriksa keaslian surat.</footer></main></body></html>`);
}

const STATE_WORDS: Record<string, string> = {
  confirmed: "Berlaku", active: "Berlaku (sedang bertugas)", completed: "Selesai dilaksanakan",
  cancelled: "Dibatalkan", recalled: "Ditarik kembali oleh unit asal", declined: "Ditolak", requested: "Menunggu persetujuan",
};

export function verifyRoutes(ctx: Ctx): Router {
  const router = Router();
  router.get("/verify.css", (_req, res) => {
    res.type("css").set("Cache-Control", "public, max-age=3600").send(CSS);
  });
  router.get("/verify/:code", async (req, res) => {
    const code = String(req.params.code).toUpperCase();
    const unknown = () => page(res, 404, `<h1>Surat tidak ditemukan</h1><p class="bad">Kode verifikasi ${esc(code.slice(0, 20))} tidak terdaftar di Siaga. Surat dengan kode ini tidak sah.</p>`);
    if (!VerifyCode.safeParse(code).success) return unknown();
    try {
      const letter = await letterByCode(ctx, code);
      const a = await ctx.store.read((tx) => tx.get("assignments", letter.assignmentId));
      const c = letter.content;
      const period = `${tanggal(c.period.from)} s.d. ${c.period.until ? tanggal(c.period.until) : "selesai tugas"}`;
      page(res, 200, `<h1>Surat Perintah Tugas</h1><p class="kop">Pemerintah Kota Kupang · ${esc(c.issuer.unitName)}</p>
<p class="ok">Surat ini terdaftar dan sah.</p>
<dl><dt>Nomor</dt><dd>${esc(letter.number)}</dd>
<dt>Nama</dt><dd>${esc(c.person.name)}</dd>
<dt>NIP</dt><dd>${esc(maskNip(c.person.nip))}</dd>
<dt>Masa tugas</dt><dd>${esc(period)}</dd>
<dt>Tanggal surat</dt><dd>${esc(tanggal(letter.issuedAt))}</dd>
<dt>Status</dt><dd>${esc(STATE_WORDS[a?.state ?? ""] ?? "Tidak diketahui")}</dd></dl>`);
    } catch (error) {
      if (error instanceof DomainError && error.code === "not_found") return unknown();
      throw error;
    }
  });
  return router;
}

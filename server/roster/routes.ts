import express, { Router } from "express";
import { IMPORT_MAX_BYTES, IMPORT_TYPES, ImportQuery, STAFF_COLUMNS, UNIT_COLUMNS, CSV_TYPE, XLSX_TYPE } from "../../shared/roster.js";
import { DomainError } from "../../shared/errors.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { parse } from "../http/validate.js";
import { importStaff, importUnits, type Upload } from "./service.js";
import { mediaType } from "./sheet.js";
import { csvTemplate, xlsxTemplate } from "./templates.js";

/** The file as sent: a CSV or XLSX body, read raw up to the cap (after the guard, so no body is read for a 403). */
const rawFile = express.raw({ type: [...IMPORT_TYPES], limit: IMPORT_MAX_BYTES });

function upload(req: express.Request): Upload {
  const { dryRun } = parse(ImportQuery, req.query, "query");
  const type = mediaType(req.headers["content-type"]);
  if (!Buffer.isBuffer(req.body) || !(IMPORT_TYPES as readonly string[]).includes(type)) {
    throw new DomainError("validation", `Send the file itself as the body, with Content-Type ${CSV_TYPE} or ${XLSX_TYPE}`, [{ path: "file", message: "no CSV or XLSX body" }]);
  }
  return { body: req.body, type, dryRun };
}

export function rosterRoutes(ctx: Ctx): Router {
  const router = Router();
  router.post("/import/staff", guard("roster.import"), rawFile, async (req, res) => {
    res.json(await importStaff(ctx, currentUser(res), upload(req)));
  });
  router.post("/import/units", guard("roster.import"), rawFile, async (req, res) => {
    res.json(await importUnits(ctx, currentUser(res), upload(req)));
  });
  for (const [kind, columns] of [["staff", STAFF_COLUMNS], ["units", UNIT_COLUMNS]] as const) {
    const name = kind === "staff" ? "pegawai" : "unit";
    router.get(`/import/${kind}/template.csv`, guard("roster.import"), (_req, res) => {
      res.type(`${CSV_TYPE}; charset=utf-8`).attachment(`templat-${name}.csv`).send(csvTemplate(columns));
    });
    router.get(`/import/${kind}/template.xlsx`, guard("roster.import"), async (_req, res) => {
      res.type(XLSX_TYPE).attachment(`templat-${name}.xlsx`).send(await xlsxTemplate(columns, name));
    });
  }
  return router;
}

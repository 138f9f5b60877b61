import { Router } from "express";
import { EventsExportQuery, ExportQuery } from "../../shared/exports.js";
import { CSV_TYPE, XLSX_TYPE } from "../../shared/roster.js";
import { guard } from "../auth/authorize.js";
import { currentUser } from "../auth/current.js";
import type { Ctx } from "../context.js";
import { witaDay } from "../documents/dates.js";
import { parse } from "../http/validate.js";
import { toCsv, toXlsx } from "./cells.js";
import { ASSIGNMENT_HEADER, assignmentRows, EVENTS_HEADER, eventRows, PERSON_DAYS_HEADER, personDayRows } from "./service.js";

export function exportRoutes(ctx: Ctx): Router {
  const router = Router();
  // The WITA day in file names, without dashes: penugasan-20261202.csv.
  const day = () => witaDay(ctx.clock.now()).replaceAll("-", "");
  const csv = `${CSV_TYPE}; charset=utf-8`;
  router.get("/export/assignments.csv", guard("export.read"), async (req, res) => {
    const rows = await assignmentRows(ctx, currentUser(res), parse(ExportQuery, req.query, "query"));
    res.type(csv).attachment(`penugasan-${day()}.csv`).send(toCsv(ASSIGNMENT_HEADER, rows));
  });
  router.get("/export/assignments.xlsx", guard("export.read"), async (req, res) => {
    const rows = await assignmentRows(ctx, currentUser(res), parse(ExportQuery, req.query, "query"));
    res.type(XLSX_TYPE).attachment(`penugasan-${day()}.xlsx`).send(await toXlsx("penugasan", ASSIGNMENT_HEADER, rows));
  });
  router.get("/export/person-days.csv", guard("export.read"), async (req, res) => {
    const rows = await personDayRows(ctx, currentUser(res), parse(ExportQuery, req.query, "query"));
    res.type(csv).attachment(`hari-orang-per-unit-${day()}.csv`).send(toCsv(PERSON_DAYS_HEADER, rows));
  });
  router.get("/export/events.csv", guard("export.read"), async (req, res) => {
    const rows = await eventRows(ctx, currentUser(res), parse(EventsExportQuery, req.query, "query"));
    res.type(csv).attachment(`log-peristiwa-${day()}.csv`).send(toCsv(EVENTS_HEADER, rows));
  });
  return router;
}

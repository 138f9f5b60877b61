/**
 * Roster import (issue 11): the spreadsheet formats Siaga reads (their columns, Indonesian headers, any
 * order, case-insensitive) and the answer of an import. One place for the columns: the server parses with
 * them, writes the templates from them, and the dashboard explains them.
 */
import { z } from "zod";
import { FieldIssue } from "./errors.js";

export const CSV_TYPE = "text/csv";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The media types an import body may come as (shared/routes.ts `accepts`). */
export const IMPORT_TYPES = [CSV_TYPE, XLSX_TYPE] as const;
/** The largest file an import reads. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** The most data rows one file may hold. */
export const IMPORT_MAX_ROWS = 20_000;

export interface Column {
  /** The header as the template writes it; matched case-insensitively, with `aliases`. */
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly required: boolean;
  /** What the cell holds, in Bahasa Indonesia (the template's second sheet and the README). */
  readonly hint: string;
  /** The template's example row. */
  readonly example: string;
}

export const STAFF_COLUMNS = [
  { name: "nip", required: true, hint: "18 angka (tanggal lahir, TMT, jenis kelamin, nomor urut); tulis sebagai teks", example: "198503122010012003" },
  { name: "nama", required: true, hint: "nama lengkap dengan gelar", example: "Maria Manafe, S.Kep." },
  { name: "unit", aliases: ["kode unit", "kode_unit"], required: true, hint: "kode unit kerja (lihat impor unit)", example: "pkm-sikumana" },
  { name: "jabatan", required: true, hint: "nama jabatan", example: "Perawat Ahli Pertama" },
  { name: "golongan", aliases: ["gol", "pangkat/golongan"], required: true, hint: "I/a sampai IV/e", example: "III/a" },
  { name: "keahlian", required: true, hint: "satu atau lebih, dipisah titik koma: medis; keperawatan; kesehatan_masyarakat; psikososial; sosial; logistik; dapur_umum; administrasi; teknik; keamanan; komunikasi; evakuasi", example: "keperawatan;psikososial" },
  { name: "telepon", aliases: ["hp", "no hp", "telp"], required: false, hint: "nomor telepon (boleh kosong; tidak pernah disiarkan)", example: "+62 812-3456-7890" },
  { name: "relawan", required: false, hint: "ya atau tidak (bersedia dikerahkan); kosong = tidak", example: "ya" },
] as const satisfies readonly Column[];

export const UNIT_COLUMNS = [
  { name: "kode", aliases: ["code"], required: true, hint: "huruf kecil, angka dan -", example: "pkm-sikumana" },
  { name: "nama", aliases: ["name"], required: true, hint: "nama unit kerja", example: "UPTD Puskesmas Sikumana" },
  { name: "jenis", aliases: ["kind"], required: true, hint: "dinas, puskesmas, kelurahan, kecamatan, bpbd, rumah_sakit atau lainnya", example: "puskesmas" },
  { name: "lat", aliases: ["lintang"], required: true, hint: "lintang, desimal (titik atau koma)", example: "-10.1960" },
  { name: "lng", aliases: ["bujur", "lon"], required: true, hint: "bujur, desimal (titik atau koma)", example: "123.6240" },
  { name: "kelurahan", aliases: ["kode kelurahan"], required: true, hint: "kode wilayah Kemendagri, mis. 53.71.02.1008", example: "53.71.02.1008" },
  { name: "batas_minimum", aliases: ["batas minimum", "floor"], required: true, hint: "jumlah pegawai minimum yang harus tetap di unit", example: "6" },
  { name: "beban_kerja", aliases: ["beban kerja", "workload"], required: true, hint: "beban kerja unit hari ini, dalam setara pegawai", example: "12" },
  { name: "perkiraan", aliases: ["approximate"], required: false, hint: "ya bila lokasi hanya perkiraan (titik tengah kelurahan)", example: "tidak" },
] as const satisfies readonly Column[];

export const ImportQuery = z.object({
  /** `1`/`true`: answer what the import would do, change nothing. */
  dryRun: z.enum(["0", "1", "true", "false"]).optional().transform((v) => v === "1" || v === "true"),
}).strict();
export type ImportQuery = z.infer<typeof ImportQuery>;

export const IMPORT_ROW_STATUSES = ["created", "updated", "unchanged", "error"] as const;

/**
 * One bad cell: a FieldIssue (zod code and bounds, or a FIELD_REASONS `reason`, so a client says it in its
 * own language) under its column's name instead of a path.
 */
export const ImportCellError = FieldIssue.omit({ path: true }).extend({
  /** The column's header as the template names it, or `(row)` for the row as a whole. */
  column: z.string(),
}).strict();
export type ImportCellError = z.infer<typeof ImportCellError>;

export const ImportRow = z.object({
  /** The spreadsheet's own row number: the header is row 1. */
  row: z.number().int().min(2),
  nip: z.string().optional(),
  code: z.string().optional(),
  status: z.enum(IMPORT_ROW_STATUSES),
  errors: z.array(ImportCellError),
});
export type ImportRow = z.infer<typeof ImportRow>;

/** A new staff member's first password: shown once, in the answer of the run that created the login. */
export const ImportLogin = z.object({ row: z.number().int(), nip: z.string(), username: z.string(), password: z.string() });
export type ImportLogin = z.infer<typeof ImportLogin>;

/**
 * The answer of an import, dry or real. All or nothing: with `failed > 0` nothing was written (`written:
 * false`) and the counts say what the fixed file would do.
 */
export const ImportResult = z.object({
  dryRun: z.boolean(),
  written: z.boolean(),
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  failed: z.number().int().min(0),
  rows: z.array(ImportRow),
  /** Staff imports only, real runs only: the logins made for new staff. */
  logins: z.array(ImportLogin).optional(),
});
export type ImportResult = z.infer<typeof ImportResult>;

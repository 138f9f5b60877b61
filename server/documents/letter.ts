/**
 * The layout of an Indonesian official letter (naskah dinas), one module for every document Siaga
 * prints: a Surat Perintah Tugas, a Keputusan Wali Kota, … A letter is data (`Letter`); `renderLetter`
 * lays it out with pdfkit on A4 in Times: the kop (government, issuing unit, address, a double rule),
 * the title and its number, an optional "TENTANG", labelled sections (Dasar / Menimbang / Kepada /
 * Untuk …) holding text, numbered or lettered lists and field tables, centred words between them
 * (MEMERINTAHKAN:, MEMUTUSKAN:), the place and date, the signer (jabatan, name, NIP; "Plh." when acting),
 * an optional QR code with its caption, and an optional lampiran table on a new page.
 * The same Letter renders to the same bytes (the creation date is the letter's date), so a reprint of a
 * stored letter is identical to the first print.
 */
import type PDFKitDocument from "pdfkit";
import { tanggal } from "./dates.js";

export type Block =
  | { kind: "text"; text: string }
  /** "1." "2." … or "a." "b." … */
  | { kind: "list"; items: string[]; marker?: "number" | "letter" }
  /** Label : value rows (Nama : …, NIP : …). */
  | { kind: "fields"; rows: [label: string, value: string][] }
  /** Decree articles: KESATU : text. */
  | { kind: "articles"; items: [label: string, text: string][] };

export type Part =
  /** A labelled section: "Dasar :" with its blocks beside the label. */
  | { kind: "section"; label: string; blocks: Block[] }
  /** A word centred on its own line: MEMERINTAHKAN:, MEMUTUSKAN:. */
  | { kind: "center"; text: string; bold?: boolean }
  /** A paragraph across the full width. */
  | { kind: "paragraph"; text: string };

export interface Signer {
  /** The post signing, e.g. "Kepala Dinas Sosial Kota Kupang". */
  jabatan: string;
  name: string;
  /** An elected signer (the Wali Kota) has none: the NIP line is left out. */
  nip?: string;
  /** Pangkat/golongan line under the name, e.g. "Pembina Tk. I (IV/b)". */
  pangkat?: string;
  /** Someone acting for the holder signs as "Plh." or "Plt." (never on a decree: the caller decides). */
  acting?: "plh" | "plt";
}

export interface Letter {
  kop: {
    /** Default "PEMERINTAH KOTA KUPANG". */
    government?: string;
    /** The issuing unit, e.g. "DINAS SOSIAL"; none on a decree of the Wali Kota, whose kop is the government's. */
    unit?: string;
    /** Address lines under the unit. */
    address: string[];
  };
  /** "SURAT PERINTAH TUGAS", "KEPUTUSAN WALI KOTA KUPANG". */
  title: string;
  number: string;
  /** The "TENTANG" of a decree. */
  about?: string;
  parts: Part[];
  place: string;
  /** The date of signing (also the PDF's creation date). */
  date: Date | string;
  /** "Kupang, 2 Desember 2026" (default) or a decree's "Ditetapkan di Kupang / pada tanggal …". */
  dateStyle?: "place" | "decree";
  signer: Signer;
  /** A verification QR code: what it encodes, and the lines printed beside it. */
  qr?: { text: string; caption: string[] };
  lampiran?: {
    title: string;
    heading?: string[];
    columns: { header: string; width: number }[];
    rows: string[][];
    /** The signer signs again under the table, as a decree's lampiran is signed. */
    signed?: boolean;
  };
  /** The PDF's metadata title (default the title and number). */
  docTitle?: string;
}

const FONT = "Times-Roman";
const BOLD = "Times-Bold";
const MARGIN = { top: 42, bottom: 56, left: 72, right: 60 };
const LABEL_W = 78;
const COLON_W = 12;

/** pdfkit and qrcode, loaded with the first letter printed, not at start (~0.3 s together). */
let libraries: Promise<{ PDFDocument: typeof PDFKitDocument; QRCode: typeof import("qrcode") }> | undefined;
function pdfLibraries() {
  libraries ??= Promise.all([import("pdfkit"), import("qrcode")]).then(([pdf, qr]) => ({ PDFDocument: pdf.default, QRCode: qr.default }));
  return libraries;
}

/** Renders one letter to a PDF. */
export async function renderLetter(letter: Letter): Promise<Buffer> {
  return renderLetters([letter]);
}

/** Renders letters one after another in one PDF (each starts on a new page): all the letters of a plan. */
export async function renderLetters(letters: Letter[]): Promise<Buffer> {
  if (letters.length === 0) throw new Error("renderLetters needs at least one letter");
  const first = letters[0]!;
  const created = new Date(first.date);
  const { PDFDocument, QRCode } = await pdfLibraries();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    autoFirstPage: false,
    info: { Title: first.docTitle ?? `${first.title} ${first.number}`, Author: "Pemerintah Kota Kupang", Creator: "Siaga", Producer: "Siaga", CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  for (const letter of letters) {
    const qr = letter.qr ? await QRCode.toBuffer(letter.qr.text, { errorCorrectionLevel: "M", margin: 1, scale: 4 }) : undefined;
    layOut(doc, letter, qr);
  }
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

function layOut(doc: Doc, letter: Letter, qr: Buffer | undefined) {
  doc.addPage();
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  kop(doc, letter.kop, left, width);

  doc.font(BOLD).fontSize(13).text(letter.title, left, doc.y + 14, { width, align: "center", underline: !letter.about });
  doc.font(FONT).fontSize(12).text(`NOMOR: ${letter.number}`, left, doc.y + 2, { width, align: "center" });
  if (letter.about) {
    doc.moveDown(0.6);
    doc.font(FONT).text("TENTANG", left, doc.y, { width, align: "center" });
    doc.font(BOLD).text(letter.about.toUpperCase(), left + 30, doc.y + 2, { width: width - 60, align: "center" });
  }
  doc.moveDown(1);

  for (const part of letter.parts) {
    if (part.kind === "center") {
      room(doc, 30);
      doc.font(part.bold === false ? FONT : BOLD).fontSize(12).text(part.text, left, doc.y + 4, { width, align: "center" });
      doc.moveDown(0.6);
    } else if (part.kind === "paragraph") {
      room(doc, 30);
      doc.font(FONT).fontSize(12).text(part.text, left, doc.y, { width, align: "justify" });
      doc.moveDown(0.6);
    } else {
      section(doc, part.label, part.blocks, left, width);
    }
  }
  signature(doc, letter, left, width, qr);
  if (letter.lampiran) lampiran(doc, letter, left, width);
}

function kop(doc: Doc, k: Letter["kop"], left: number, width: number) {
  doc.font(BOLD).fontSize(14).text(k.government ?? "PEMERINTAH KOTA KUPANG", left, MARGIN.top, { width, align: "center" });
  if (k.unit) doc.font(BOLD).fontSize(16).text(k.unit.toUpperCase(), left, doc.y, { width, align: "center" });
  doc.font(FONT).fontSize(10);
  for (const line of k.address) doc.text(line, left, doc.y, { width, align: "center" });
  const y = doc.y + 4;
  // The kop's rule: a thick line over a thin one, as naskah dinas draw it.
  doc.lineWidth(2).moveTo(left, y).lineTo(left + width, y).stroke();
  doc.lineWidth(0.6).moveTo(left, y + 3).lineTo(left + width, y + 3).stroke();
  doc.lineWidth(1);
  doc.y = y + 6;
}

/** A new page when less than `height` is left on this one. */
function room(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN.bottom) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

function section(doc: Doc, label: string, blocks: Block[], left: number, width: number) {
  const x = left + LABEL_W + COLON_W;
  const w = width - LABEL_W - COLON_W;
  doc.font(FONT).fontSize(12);
  room(doc, 40);
  const top = doc.y;
  doc.text(label, left, top, { width: LABEL_W });
  doc.text(":", left + LABEL_W, top, { width: COLON_W });
  doc.y = top;
  for (const block of blocks) {
    room(doc, 16);
    const y = doc.y;
    if (block.kind === "text") {
      doc.text(block.text, x, y, { width: w, align: "justify" });
    } else if (block.kind === "list") {
      block.items.forEach((item, i) => {
        room(doc, 16);
        const marker = block.marker === "letter" ? `${String.fromCharCode(97 + i)}.` : `${i + 1}.`;
        const iy = doc.y;
        doc.text(marker, x, iy, { width: 20 });
        doc.text(item, x + 20, iy, { width: w - 20, align: "justify" });
      });
    } else if (block.kind === "fields") {
      const lw = 120;
      for (const [l, v] of block.rows) {
        room(doc, 16);
        const ry = doc.y;
        doc.text(l, x, ry, { width: lw });
        doc.text(":", x + lw, ry, { width: 10 });
        doc.text(v, x + lw + 10, ry, { width: w - lw - 10 });
        const end = doc.y;
        doc.y = Math.max(end, ry + doc.currentLineHeight());
      }
    } else {
      const lw = 70;
      for (const [l, v] of block.items) {
        room(doc, 16);
        const ry = doc.y;
        doc.font(BOLD).text(l, x, ry, { width: lw });
        doc.font(FONT).text(":", x + lw, ry, { width: 10 });
        doc.text(v, x + lw + 10, ry, { width: w - lw - 10, align: "justify" });
      }
    }
    doc.moveDown(0.4);
  }
  doc.moveDown(0.5);
}

function signature(doc: Doc, letter: Letter, left: number, width: number, qr: Buffer | undefined) {
  room(doc, 170);
  const x = left + width / 2 + 10;
  const w = width / 2 - 10;
  const top = doc.y + 8;
  doc.font(FONT).fontSize(12);
  if (letter.dateStyle === "decree") {
    doc.text(`Ditetapkan di ${letter.place}`, x, top, { width: w });
    doc.text(`pada tanggal ${tanggal(letter.date)}`, x, doc.y, { width: w });
  } else {
    doc.text(`${letter.place}, ${tanggal(letter.date)}`, x, top, { width: w });
  }
  const acting = letter.signer.acting ? `${letter.signer.acting === "plh" ? "Plh." : "Plt."} ` : "";
  doc.font(BOLD).text(`${acting}${letter.signer.jabatan},`, x, doc.y + 4, { width: w });
  const signTop = doc.y;
  doc.font(BOLD).text(letter.signer.name, x, signTop + 56, { width: w, underline: true });
  doc.font(FONT);
  if (letter.signer.pangkat) doc.text(letter.signer.pangkat, x, doc.y, { width: w });
  if (letter.signer.nip) doc.text(`NIP. ${letter.signer.nip}`, x, doc.y, { width: w });
  const end = doc.y;
  if (qr) {
    const size = 84;
    doc.image(qr, left, top, { width: size, height: size });
    doc.fontSize(8);
    let y = top + size + 2;
    for (const line of letter.qr!.caption) {
      doc.text(line, left, y, { width: width / 2 - 20 });
      y = doc.y;
    }
    doc.fontSize(12);
    doc.y = Math.max(end, y);
  } else {
    doc.y = end;
  }
}

function lampiran(doc: Doc, letter: Letter, left: number, width: number) {
  const l = letter.lampiran!;
  doc.addPage();
  doc.font(FONT).fontSize(10);
  const headX = left + width / 2;
  doc.text(`LAMPIRAN ${letter.title}`, headX, MARGIN.top, { width: width / 2 });
  doc.text(`NOMOR: ${letter.number}`, headX, doc.y, { width: width / 2 });
  doc.text(`TANGGAL: ${tanggal(letter.date)}`, headX, doc.y, { width: width / 2 });
  for (const line of l.heading ?? []) doc.text(line, headX, doc.y, { width: width / 2 });
  doc.font(BOLD).fontSize(12).text(l.title, left, doc.y + 14, { width, align: "center" });
  doc.moveDown(0.6);
  const total = l.columns.reduce((s, c) => s + c.width, 0);
  const widths = l.columns.map((c) => (c.width / total) * width);
  const pad = 3;
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? BOLD : FONT).fontSize(9);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * pad }))) + 2 * pad;
    if (doc.y + h > doc.page.height - MARGIN.bottom) {
      doc.addPage();
      doc.y = MARGIN.top;
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).stroke();
      doc.text(c, x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc.y = y + h;
  };
  row(l.columns.map((c) => c.header), true);
  for (const r of l.rows) row(r, false);
  if (l.signed) {
    doc.fontSize(12);
    signature(doc, letter, left, width, undefined);
  }
}

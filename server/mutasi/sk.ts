/**
 * The SK: Keputusan Wali Kota Kupang on the mutasi, in Bahasa Indonesia, with its lampiran (one row per
 * person moved). Drawn by pdfkit from the SK snapshot taken at signing (shared/mutasi-cycle.ts `Sk`), so the
 * document never changes after the decision. The official-letter layout of server/documents/ (roster) may
 * replace the kop here when the integrator unifies them.
 */
import PDFDocument from "pdfkit";
import type { Sk } from "../../shared/mutasi-cycle.js";

const MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

/** 2027-03-01 → 1 Maret 2027. */
export function tanggal(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

function kop(doc: PDFKit.PDFDocument) {
  doc.font("Helvetica-Bold").fontSize(14).text("PEMERINTAH KOTA KUPANG", { align: "center" });
  doc.font("Helvetica").fontSize(9).text("Jalan S. K. Lerik, Kelapa Lima, Kupang, Nusa Tenggara Timur", { align: "center" });
  const y = doc.y + 4;
  doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(1.5).stroke();
  doc.moveDown(1);
}

/** Renders the SK as a PDF buffer. */
export function renderSk(sk: Sk, year: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margins: { top: 50, bottom: 50, left: 60, right: 60 }, info: { Title: `Keputusan Wali Kota Kupang Nomor ${sk.number}`, Author: "Pemerintah Kota Kupang" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  kop(doc);
  const center = (text: string, bold = true) => doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(11).text(text, { align: "center" });
  center("KEPUTUSAN WALI KOTA KUPANG");
  center(`NOMOR ${sk.number}`);
  doc.moveDown(0.5);
  center("TENTANG");
  center("PEMINDAHAN (MUTASI) PEGAWAI NEGERI SIPIL");
  center("DI LINGKUNGAN PEMERINTAH KOTA KUPANG");
  doc.moveDown(0.5);
  center("WALI KOTA KUPANG,");
  doc.moveDown(0.8);
  const clause = (label: string, items: string[]) => {
    const x = doc.page.margins.left;
    doc.font("Helvetica").fontSize(10);
    const top = doc.y;
    doc.text(label, x, top, { width: 80 });
    doc.text(":", x + 80, top, { width: 10 });
    doc.y = top;
    items.forEach((item, i) => doc.text(items.length > 1 ? `${String.fromCharCode(97 + i)}. ${item}` : item, x + 92, doc.y, { width: doc.page.width - x - 92 - doc.page.margins.right, align: "justify" }));
    doc.moveDown(0.5);
  };
  clause("Menimbang", [
    `bahwa berdasarkan analisis beban kerja tahun ${year - 1} dan penilaian kinerja pegawai, perlu memindahkan Pegawai Negeri Sipil agar beban kerja antarunit kerja seimbang;`,
    "bahwa pemindahan tersebut telah mendapat pertimbangan Tim Penilai Kinerja PNS;",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan Wali Kota tentang Pemindahan (Mutasi) Pegawai Negeri Sipil di Lingkungan Pemerintah Kota Kupang;",
  ]);
  clause("Mengingat", [
    "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
    "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
    "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi;",
    "Peraturan Menteri PAN-RB Nomor 1 Tahun 2020 tentang Pedoman Analisis Jabatan dan Analisis Beban Kerja;",
  ]);
  center("MEMUTUSKAN:");
  doc.moveDown(0.5);
  clause("Menetapkan", ["KEPUTUSAN WALI KOTA TENTANG PEMINDAHAN (MUTASI) PEGAWAI NEGERI SIPIL DI LINGKUNGAN PEMERINTAH KOTA KUPANG."]);
  clause("KESATU", [`Memindahkan ${sk.moves.length} (orang) Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini dari jabatan dan unit kerja lama ke jabatan dan unit kerja baru.`]);
  clause("KEDUA", [`Pemindahan sebagaimana dimaksud dalam Diktum KESATU berlaku terhitung mulai tanggal ${tanggal(sk.tmt)}.`]);
  clause("KETIGA", ["Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."]);
  signature(doc, sk);
  lampiran(doc, sk);
  doc.end();
  return done;
}

function signature(doc: PDFKit.PDFDocument, sk: Sk) {
  const x = doc.page.width / 2 + 20;
  const width = doc.page.width - doc.page.margins.right - x;
  if (doc.y > doc.page.height - 200) doc.addPage();
  doc.moveDown(1);
  doc.font("Helvetica").fontSize(10);
  doc.text("Ditetapkan di Kupang", x, doc.y, { width });
  doc.text(`pada tanggal ${tanggal(sk.date)}`, x, doc.y, { width });
  doc.moveDown(0.5);
  doc.font("Helvetica-Bold").text(`${sk.signer.jabatan.toUpperCase()},`, x, doc.y, { width });
  doc.moveDown(3);
  doc.text(sk.signer.name.toUpperCase(), x, doc.y, { width, underline: true });
  doc.font("Helvetica");
  if (sk.signer.nip) doc.text(`NIP ${sk.signer.nip}`, x, doc.y, { width });
  doc.x = doc.page.margins.left;
}

const COLUMNS = [
  { title: "No", width: 22 },
  { title: "Nama / NIP", width: 105 },
  { title: "Pangkat/ Gol.", width: 40 },
  { title: "Jabatan dan unit kerja lama", width: 115 },
  { title: "Jabatan dan unit kerja baru", width: 115 },
  { title: "TMT", width: 60 },
];

function lampiran(doc: PDFKit.PDFDocument, sk: Sk) {
  doc.addPage({ size: "A4", layout: "portrait" });
  doc.font("Helvetica").fontSize(9);
  doc.text(`LAMPIRAN KEPUTUSAN WALI KOTA KUPANG`, { align: "left" });
  doc.text(`NOMOR ${sk.number}`);
  doc.text(`TANGGAL ${tanggal(sk.date).toUpperCase()}`);
  doc.moveDown(0.5);
  doc.font("Helvetica-Bold").fontSize(10).text("DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN", { align: "center" });
  doc.moveDown(0.5);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i]!.width - 6 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = doc.page.margins.left;
    cells.forEach((c, i) => {
      const w = COLUMNS[i]!.width;
      doc.rect(x, top, w, h).lineWidth(0.5).stroke();
      doc.text(c, x + 3, top + 3, { width: w - 6 });
      x += w;
    });
    doc.x = doc.page.margins.left;
    doc.y = top + h;
  };
  row(COLUMNS.map((c) => c.title), true);
  sk.moves.forEach((m, i) => row([
    String(i + 1), `${m.name}\nNIP ${m.nip}`, m.golongan, `${m.from.jabatan}\n${m.from.unitName}`, `${m.to.jabatan}\n${m.to.unitName}`, tanggal(sk.tmt),
  ], false));
  signature(doc, sk);
}

/**
 * The official-letter layout (server/documents/letter.ts) read back with pdftotext (poppler-utils):
 * kop, title, number, sections, the WITA date in Indonesian, the signer, the lampiran; the same letter
 * renders to the same bytes, so a stored letter reprints identically.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { romanMonth, tanggal, tanggalJam, witaDay, witaDayStart, witaStamp } from "../../server/documents/dates.js";
import { renderLetter, type Letter } from "../../server/documents/letter.js";
import { renderSk } from "../../server/mutasi/sk.js";

const dir = mkdtempSync(join(tmpdir(), "siaga-letter-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export function pdfText(pdf: Buffer, name = "x.pdf"): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

const decree: Letter = {
  kop: { unit: "Sekretariat Daerah", address: ["Jalan S.K. Lerik, Kelapa Lima, Kupang"] },
  title: "KEPUTUSAN WALI KOTA KUPANG",
  number: "800.1.3.3/012/BKPSDM/XII/2026",
  about: "Mutasi Pegawai Negeri Sipil",
  parts: [
    { kind: "section", label: "Menimbang", blocks: [{ kind: "list", marker: "letter", items: ["bahwa beban kerja perlu diseimbangkan;", "bahwa berdasarkan pertimbangan huruf a perlu menetapkan keputusan;"] }] },
    { kind: "section", label: "Mengingat", blocks: [{ kind: "list", items: ["Peraturan Pemerintah Nomor 11 Tahun 2017;"] }] },
    { kind: "center", text: "MEMUTUSKAN:" },
    { kind: "section", label: "Menetapkan", blocks: [{ kind: "articles", items: [["KESATU", "Memindahkan pegawai dalam lampiran."], ["KEDUA", "Keputusan ini berlaku sejak tanggal ditetapkan."]] }] },
  ],
  place: "Kupang",
  dateStyle: "decree",
  date: "2026-12-01T17:30:00Z", // 01:30 WITA on 2 December
  signer: { jabatan: "WALI KOTA KUPANG", name: "Yohanis Fanggidae", nip: "197001012000011001" },
  lampiran: { title: "DAFTAR PEGAWAI YANG DIMUTASI", columns: [{ header: "No", width: 1 }, { header: "Nama", width: 5 }, { header: "Jabatan Baru", width: 5 }], rows: [["1", "Maria Manafe", "Perawat Puskesmas Sikumana"]] },
};

describe("the WITA formatter", () => {
  it("writes Indonesian months in UTC+8, whatever the server's zone", () => {
    expect(tanggal("2026-12-01T17:30:00Z")).toBe("2 Desember 2026");
    expect(tanggal("2026-12-01T15:59:00Z")).toBe("1 Desember 2026");
    expect(tanggalJam("2026-02-28T16:05:00Z")).toBe("1 Maret 2026 pukul 00.05 WITA");
    expect(witaStamp("2026-12-31T16:00:00Z")).toBe("2027-01-01 00:00:00 WITA");
    expect(romanMonth("2026-12-01T17:30:00Z")).toBe("XII");
    expect(witaDay(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
    expect(witaDay("2026-12-31T15:59:59Z")).toBe("2026-12-31");
    expect(new Date(witaDayStart("2027-03-01")).toISOString()).toBe("2027-02-28T16:00:00.000Z");
    // A day string (an SK's date, a TMT) is that day, not the day before or after.
    expect(tanggal("2027-03-01")).toBe("1 Maret 2027");
  });
});

describe("the official letter layout", () => {
  it("lays out a decree: kop, title, number, tentang, sections, signer, lampiran", async () => {
    const text = pdfText(await renderLetter(decree), "decree.pdf");
    for (const s of ["PEMERINTAH KOTA KUPANG", "SEKRETARIAT DAERAH", "KEPUTUSAN WALI KOTA KUPANG", "NOMOR: 800.1.3.3/012/BKPSDM/XII/2026", "TENTANG",
      "MUTASI PEGAWAI NEGERI SIPIL", "Menimbang", "a.", "bahwa beban kerja", "Mengingat", "MEMUTUSKAN:", "KESATU", "Ditetapkan di Kupang",
      "pada tanggal 2 Desember 2026", "Yohanis Fanggidae", "NIP. 197001012000011001", "DAFTAR PEGAWAI YANG DIMUTASI", "Maria Manafe"]) {
      expect(text).toContain(s);
    }
  });

  it("prints a Plh. before an acting signer's post and a QR caption", async () => {
    const letter: Letter = {
      ...decree, title: "SURAT PERINTAH TUGAS", about: undefined, dateStyle: "place", lampiran: undefined,
      signer: { jabatan: "Kepala Dinas Sosial", name: "Ana Bria", nip: "198001012005012001", acting: "plh" },
      qr: { text: "http://127.0.0.1/verify/ABC", caption: ["Verifikasi: http://127.0.0.1/verify/ABC"] },
    };
    const text = pdfText(await renderLetter(letter), "plh.pdf");
    expect(text).toContain("Plh. Kepala Dinas Sosial,");
    expect(text).toContain("Kupang, 2 Desember 2026");
    expect(text).toContain("/verify/ABC");
    expect(text).not.toContain("Ditetapkan di");
  });

  it("renders the same letter to the same bytes", async () => {
    const [a, b] = [await renderLetter(decree), await renderLetter(decree)];
    expect(a.equals(b)).toBe(true);
  });
});

describe("the SK mutasi through the same layout", () => {
  const side = (jabatan: string, unitName: string) => ({ positionId: `pos-${unitName}`, jabatan, unitId: `unit-${unitName}`, unitName });
  const sk = {
    number: "821.2/001/BKPSDM/2027", date: "2027-02-10", tmt: "2027-03-01",
    signer: { name: "Yeremias Laiskodat", jabatan: "Wali Kota Kupang" },
    moves: [{ staffId: "s1", name: "Maria Manafe", nip: "198001012005012001", golongan: "III/b", from: side("Perawat Terampil", "UPTD Puskesmas Sikumana"), to: side("Perawat Terampil", "UPTD Puskesmas Oepoi") }],
  };

  it("prints the government's kop, the decree date, no NIP line for an elected signer, and signs the lampiran again", async () => {
    const text = pdfText(await renderSk(sk, 2027), "sk.pdf");
    for (const s of ["PEMERINTAH KOTA KUPANG", "KEPUTUSAN WALI KOTA KUPANG", "NOMOR: 821.2/001/BKPSDM/2027", "TENTANG", "PEMINDAHAN (MUTASI) PEGAWAI NEGERI SIPIL",
      "Menimbang", "analisis beban kerja tahun 2026", "MEMUTUSKAN:", "KESATU", "KEDUA", "terhitung mulai tanggal 1 Maret 2027", "DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN",
      "NIP 198001012005012001", "Penata", "(III/b)", "TANGGAL: 10 Februari 2027"]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain("NIP.");
    expect(text).not.toMatch(/Pl[ht]\./);
    // Signed under the decree and again under the lampiran.
    expect(text.match(/pada tanggal 10 Februari 2027/g)).toHaveLength(2);
    expect(text.match(/YEREMIAS LAISKODAT/g)).toHaveLength(2);
  });

  it("renders the same SK to the same bytes", async () => {
    expect((await renderSk(sk, 2027)).equals(await renderSk(sk, 2027))).toBe(true);
  });
});

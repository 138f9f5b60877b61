/** A stored letter as the official layout (server/documents/letter.ts) prints it: a pure function of the record. */
import { pangkatGolongan, type LetterRecord } from "../../shared/letters.js";
import { id as words } from "../../client/i18n/id.js";
import { tanggal } from "../documents/dates.js";
import type { Letter } from "../documents/letter.js";

export function surat(record: LetterRecord): Letter {
  const c = record.content;
  const skill = words[`skill.${c.task.skill}`] ?? c.task.skill;
  const period = `sejak tanggal ${tanggal(c.period.from)} sampai dengan ${c.period.until ? `tanggal ${tanggal(c.period.until)}` : "tugas dinyatakan selesai oleh Koordinator"}`;
  return {
    kop: { unit: c.issuer.unitName, address: c.issuer.address },
    title: "SURAT PERINTAH TUGAS",
    number: record.number,
    docTitle: `Surat Perintah Tugas ${record.number} - ${c.person.name}`,
    parts: [
      { kind: "section", label: "Dasar", blocks: [{ kind: "list", items: c.dasar.map((d, i) => d + (i === c.dasar.length - 1 ? "." : ";")) }] },
      { kind: "center", text: "MEMERINTAHKAN:" },
      {
        kind: "section", label: "Kepada", blocks: [{
          kind: "fields", rows: [
            ["Nama", c.person.name],
            ["NIP", c.person.nip],
            ["Pangkat/golongan", pangkatGolongan(c.person.golongan)],
            ["Jabatan", c.person.jabatan],
            ["Unit kerja", c.person.unitName],
          ],
        }],
      },
      {
        kind: "section", label: "Untuk", blocks: [{
          kind: "list", items: [
            `Melaksanakan penugasan sementara sebagai tenaga ${skill.toLowerCase()} pada ${c.task.siteTitle};`,
            `Tempat tugas: ${c.task.place};`,
            `Waktu pelaksanaan: ${period};`,
            "Melapor kepada Koordinator di Pos Komando saat tiba dan saat selesai bertugas;",
            "Melaksanakan perintah ini dengan penuh tanggung jawab.",
          ],
        }],
      },
    ],
    place: "Kupang",
    date: record.issuedAt,
    signer: { jabatan: c.signer.jabatan, name: c.signer.name, nip: c.signer.nip, ...(c.signer.golongan ? { pangkat: pangkatGolongan(c.signer.golongan) } : {}), ...(c.signer.acting ? { acting: c.signer.acting } : {}) },
    qr: { text: c.verifyUrl, caption: ["Pindai untuk memeriksa keaslian surat ini:", c.verifyUrl] },
  };
}

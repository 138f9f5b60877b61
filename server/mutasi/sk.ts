/**
 * The SK: Keputusan Wali Kota Kupang on the mutasi, in Bahasa Indonesia, with its lampiran (one row per
 * person moved), laid out by the official-letter layout of server/documents/. Built from the SK snapshot
 * taken at signing (shared/mutasi-cycle.ts `Sk`), so the document never changes after the decision: the
 * same SK renders to the same bytes.
 */
import { pangkatGolongan } from "../../shared/letters.js";
import type { Sk } from "../../shared/mutasi-cycle.js";
import { tanggal } from "../documents/dates.js";
import { renderLetter, type Letter } from "../documents/letter.js";

const ABOUT = "Pemindahan (Mutasi) Pegawai Negeri Sipil di Lingkungan Pemerintah Kota Kupang";

/** The SK as a letter: a pure function of the snapshot and the cycle's year. */
export function skLetter(sk: Sk, year: number): Letter {
  const tmt = tanggal(sk.tmt);
  return {
    // A decree of the Wali Kota carries the government's kop, not a unit's.
    kop: { address: ["Jalan S. K. Lerik, Kelapa Lima, Kupang, Nusa Tenggara Timur"] },
    title: "KEPUTUSAN WALI KOTA KUPANG",
    number: sk.number,
    about: ABOUT,
    docTitle: `Keputusan Wali Kota Kupang Nomor ${sk.number}`,
    parts: [
      { kind: "center", text: "WALI KOTA KUPANG," },
      {
        kind: "section", label: "Menimbang", blocks: [{
          kind: "list", marker: "letter", items: [
            `bahwa berdasarkan analisis beban kerja tahun ${year - 1} dan penilaian kinerja pegawai, perlu memindahkan Pegawai Negeri Sipil agar beban kerja antarunit kerja seimbang;`,
            "bahwa pemindahan tersebut telah mendapat pertimbangan Tim Penilai Kinerja PNS;",
            `bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan Wali Kota tentang ${ABOUT};`,
          ],
        }],
      },
      {
        kind: "section", label: "Mengingat", blocks: [{
          kind: "list", items: [
            "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
            "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
            "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi;",
            "Peraturan Menteri PAN-RB Nomor 1 Tahun 2020 tentang Pedoman Analisis Jabatan dan Analisis Beban Kerja.",
          ],
        }],
      },
      { kind: "center", text: "MEMUTUSKAN:" },
      {
        kind: "section", label: "Menetapkan", blocks: [
          { kind: "text", text: `KEPUTUSAN WALI KOTA TENTANG ${ABOUT.toUpperCase()}.` },
          {
            kind: "articles", items: [
              ["KESATU", `Memindahkan ${sk.moves.length} (orang) Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini dari jabatan dan unit kerja lama ke jabatan dan unit kerja baru.`],
              ["KEDUA", `Pemindahan sebagaimana dimaksud dalam Diktum KESATU berlaku terhitung mulai tanggal ${tmt}.`],
              ["KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."],
            ],
          },
        ],
      },
    ],
    place: "Kupang",
    dateStyle: "decree",
    date: sk.date,
    // A decree is signed by the holder (never a Plh/Plt: the snapshot's signer), post and name in capitals.
    signer: { jabatan: sk.signer.jabatan.toUpperCase(), name: sk.signer.name.toUpperCase(), ...(sk.signer.nip ? { nip: sk.signer.nip } : {}) },
    lampiran: {
      title: "DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN",
      columns: [
        { header: "No", width: 22 },
        { header: "Nama / NIP", width: 105 },
        { header: "Pangkat/ Gol.", width: 55 },
        { header: "Jabatan dan unit kerja lama", width: 115 },
        { header: "Jabatan dan unit kerja baru", width: 115 },
        { header: "TMT", width: 55 },
      ],
      rows: sk.moves.map((m, i) => [
        String(i + 1), `${m.name}\nNIP ${m.nip}`, pangkatGolongan(m.golongan), `${m.from.jabatan}\n${m.from.unitName}`, `${m.to.jabatan}\n${m.to.unitName}`, tmt,
      ]),
      signed: true,
    },
  };
}

/** Renders the SK as a PDF buffer. */
export function renderSk(sk: Sk, year: number): Promise<Buffer> {
  return renderLetter(skLetter(sk, year));
}

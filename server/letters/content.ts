/**
 * What a Surat Perintah Tugas says, gathered once at first issue from the assignment, the person, the
 * site and the signer, so a reprint says the same even after they change.
 */
import type { Assignment, Staff, Unit } from "../../shared/domain.js";
import { conflict } from "../../shared/errors.js";
import type { LetterContent, LetterSigner } from "../../shared/letters.js";
import { KELURAHAN } from "../../seed/wilayah.js";
import { tanggal } from "../documents/dates.js";
import { mustGet } from "../entities.js";
import type { Tx } from "../store/port.js";

const kelurahanName = (code: string) => KELURAHAN.find((k) => k.code === code)?.name;

/** The kop's address of a unit: its kelurahan, the city, the province. */
export function unitAddress(unit: Unit): string[] {
  const kel = kelurahanName(unit.kelurahan);
  return [`${kel ? `Kelurahan ${kel}, ` : ""}Kota Kupang, Nusa Tenggara Timur`, `Kode wilayah ${unit.kelurahan}`];
}

/** Sub-posts whose holders are "Kepala …" too but do not lead the unit. */
const NOT_HEAD = /^kepala (seksi|sub|bidang|urusan|tata usaha|ruang|regu|lingkungan)/i;

/**
 * Who signs: the head of the person's home unit, which lends them. The unit head's account, when linked
 * to a staff record, names them (and says when they act as Plh/Plt, who may sign a surat tugas); else the
 * unit's staff member whose jabatan leads it ("Kepala Dinas …", "Kepala UPTD Puskesmas").
 */
export async function signerOf(tx: Tx, unit: Unit): Promise<LetterSigner> {
  const heads = await tx.find("users", { role: "unit_head", unitId: unit.id });
  for (const head of heads) {
    const staff = head.staffId ? await tx.get("staff", head.staffId) : undefined;
    if (staff) return signerFrom(staff, unit, head.acting);
  }
  const staff = await tx.find("staff", { homeUnitId: unit.id });
  const head = staff.find((s) => /^kepala /i.test(s.jabatan) && !NOT_HEAD.test(s.jabatan)) ?? staff.find((s) => /^(lurah|camat)\b/i.test(s.jabatan));
  if (!head) throw conflict("no_signer", `Unit ${unit.code} has no head to sign the letter: link the unit head's account to their staff record`, { unitId: unit.id });
  return signerFrom(head, unit, undefined);
}

function signerFrom(staff: Staff, unit: Unit, acting: "plh" | "plt" | undefined): LetterSigner {
  // "Kepala UPTD Puskesmas" heads "UPTD Puskesmas Sikumana": the post names the unit in full.
  const post = /^kepala /i.test(staff.jabatan) ? `Kepala ${unit.name}` : staff.jabatan;
  return { name: staff.name, nip: staff.nip, jabatan: post, golongan: staff.golongan, ...(acting ? { acting } : {}) };
}

/** The states in which a letter exists: the lending head has agreed. */
export const LETTER_STATES: readonly Assignment["state"][] = ["confirmed", "active", "completed"];

export async function letterContent(tx: Tx, a: Assignment, verifyUrl: string, now: Date): Promise<LetterContent> {
  if (!LETTER_STATES.includes(a.state)) {
    throw conflict("wrong_state", "A surat tugas is issued once the home unit has confirmed the assignment", { state: a.state });
  }
  const staff = await mustGet(tx, "staff", a.staffId, "staff member");
  const unit = await mustGet(tx, "units", a.fromUnitId, "unit");
  const signer = await signerOf(tx, unit);
  let siteTitle: string, place: string, skill, commandPost, basis: string;
  if (a.siteKind === "incident") {
    const inc = await mustGet(tx, "incidents", a.siteId, "incident");
    skill = inc.needs.find((n) => n.id === a.needId)?.skill;
    siteTitle = inc.title;
    const kel = inc.kelurahan.map(kelurahanName).filter(Boolean);
    commandPost = inc.commandPost ?? inc.location;
    place = `${kel.length ? `Kelurahan ${kel.join(", ")}, ` : ""}Kota Kupang (Pos Komando ${commandPost.lat.toFixed(4)}, ${commandPost.lng.toFixed(4)})`;
    basis = `Penetapan kejadian "${inc.title}" pada tanggal ${tanggal(inc.createdAt)} dan kebutuhan tenaga yang dicatat oleh Koordinator tanggap darurat`;
  } else {
    const spike = await mustGet(tx, "spikes", a.siteId, "spike");
    const host = await mustGet(tx, "units", spike.unitId, "unit");
    skill = spike.needs.find((n) => n.id === a.needId)?.skill;
    siteTitle = `${host.name}: ${spike.reason}`;
    place = `${host.name}, ${unitAddress(host)[0]}`;
    commandPost = host.location;
    basis = `Lonjakan beban kerja di ${host.name} sejak tanggal ${tanggal(spike.from)}: ${spike.reason}`;
  }
  // The need may have been edited away since; the person was sent for one of their skills all the same.
  skill ??= staff.skills[0]!;
  const confirmed = a.history.find((h) => h.state === "confirmed")?.at ?? now.toISOString();
  const ended = a.state === "completed" ? a.history.findLast((h) => h.state === "completed")?.at : undefined;
  return {
    issuer: { unitId: unit.id, unitName: unit.name, address: unitAddress(unit) },
    person: { staffId: staff.id, name: staff.name, nip: staff.nip, golongan: staff.golongan, jabatan: staff.jabatan, unitName: unit.name },
    task: { skill, siteKind: a.siteKind, siteId: a.siteId, siteTitle, place, commandPost },
    period: { from: confirmed, ...(ended ? { until: ended } : {}) },
    dasar: [
      "Undang-Undang Nomor 24 Tahun 2007 tentang Penanggulangan Bencana",
      "Peraturan Pemerintah Nomor 21 Tahun 2008 tentang Penyelenggaraan Penanggulangan Bencana",
      basis,
      `Persetujuan penugasan sementara oleh ${unit.name} (penugasan ${a.id})`,
    ],
    signer,
    verifyUrl,
  };
}

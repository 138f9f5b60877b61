/**
 * Staffing profiles: who works in each kind of unit (jabatan, education, gender mix) and which skills
 * that brings. The unit kind alone is too coarse (Dinas Sosial and Dinas PUPR are both `dinas`), so a
 * unit has a profile; units without one fall back to the profile of their kind.
 */
import type { Skill, UnitKind } from "../shared/domain.js";

export type Education = "sma" | "d3" | "s1" | "s2";

export interface Role {
  /** Jabatan titles to choose from. */
  jabatan: readonly string[];
  /** The titles are one career ladder, junior first: the holder's golongan picks the rung. */
  ladder?: boolean;
  /** Relative frequency within the unit. */
  weight: number;
  /** Probability that the holder is a woman. */
  female: number;
  education: Education;
  /** Skills every holder has. */
  skills: readonly Skill[];
  /** Further skills, each with its probability (total capped at 3 skills). */
  extra?: readonly (readonly [Skill, number])[];
  /** Title before the name (dr., drg.). */
  prefix?: string;
  /** Degree after the name, shown for about half of the holders. */
  degree?: string;
}

export interface Profile {
  /** The unit head (always one, listed first). */
  head: Role;
  roles: readonly Role[];
  /** Share of volunteers (agreed to be deployed). */
  volunteer: number;
  /** Share of staff carrying recent deployment hours. */
  fatigued: number;
}

export const PROFILE_IDS = [
  "kelurahan", "kecamatan", "puskesmas", "rumah_sakit", "rs_jiwa", "dinkes", "dinsos", "bpbd", "pupr",
  "satpolpp", "dishub", "damkar", "bkpsdm", "kominfo", "dlhk", "setda", "dinas_umum",
] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

const admin: Role = {
  jabatan: ["Pengadministrasi Umum", "Pengelola Keuangan", "Pengelola Data", "Pranata Komputer Terampil", "Arsiparis Pelaksana"],
  weight: 2, female: 0.6, education: "d3", skills: ["administrasi"], extra: [["logistik", 0.15], ["komunikasi", 0.1]],
};

// Health roles shared by puskesmas, hospitals and Dinas Kesehatan.
const dokter: Role = {
  jabatan: ["Dokter Ahli Pertama", "Dokter Ahli Muda", "Dokter Ahli Madya"], ladder: true, weight: 3, female: 0.6, education: "s1",
  skills: ["medis"], extra: [["kesehatan_masyarakat", 0.3]], prefix: "dr.",
};
const dokterGigi: Role = {
  jabatan: ["Dokter Gigi Ahli Pertama", "Dokter Gigi Ahli Muda"], ladder: true, weight: 1, female: 0.7, education: "s1",
  skills: ["medis"], prefix: "drg.",
};
const perawat: Role = {
  jabatan: ["Perawat Terampil", "Perawat Mahir", "Perawat Penyelia"], ladder: true, weight: 5, female: 0.7,
  education: "d3", skills: ["keperawatan"], extra: [["evakuasi", 0.1], ["kesehatan_masyarakat", 0.1]], degree: "A.Md.Kep.",
};
const perawatNers: Role = {
  jabatan: ["Perawat Ahli Pertama", "Perawat Ahli Muda", "Perawat Ahli Madya"], ladder: true, weight: 3, female: 0.7,
  education: "s1", skills: ["keperawatan"], extra: [["kesehatan_masyarakat", 0.2], ["psikososial", 0.1]], prefix: "Ns.", degree: "S.Kep.",
};
const bidan: Role = {
  jabatan: ["Bidan Terampil", "Bidan Mahir", "Bidan Penyelia"], ladder: true, weight: 5, female: 1, education: "d3",
  skills: ["keperawatan"], extra: [["kesehatan_masyarakat", 0.5]], degree: "A.Md.Keb.",
};
const sanitarian: Role = {
  jabatan: ["Sanitarian Terampil", "Sanitarian Mahir", "Sanitarian Penyelia"], ladder: true, weight: 2, female: 0.5, education: "d3",
  skills: ["kesehatan_masyarakat"], extra: [["logistik", 0.2]], degree: "A.Md.KL.",
};
const nutrisionis: Role = {
  jabatan: ["Nutrisionis Terampil", "Nutrisionis Mahir", "Nutrisionis Penyelia"], ladder: true, weight: 2, female: 0.85, education: "d3",
  skills: ["kesehatan_masyarakat"], extra: [["dapur_umum", 0.5]], degree: "A.Md.Gz.",
};
const promkes: Role = {
  jabatan: ["Penyuluh Kesehatan Masyarakat Ahli Pertama", "Epidemiolog Kesehatan Ahli Pertama"], weight: 2, female: 0.6,
  education: "s1", skills: ["kesehatan_masyarakat"], extra: [["komunikasi", 0.4], ["psikososial", 0.15]], degree: "S.KM.",
};
const farmasi: Role = {
  jabatan: ["Asisten Apoteker Terampil", "Asisten Apoteker Mahir", "Asisten Apoteker Penyelia"], ladder: true, weight: 2, female: 0.75, education: "d3",
  skills: ["logistik"], extra: [["kesehatan_masyarakat", 0.3]],
};
const labkes: Role = {
  jabatan: ["Pranata Laboratorium Kesehatan Terampil"], weight: 1, female: 0.6, education: "d3",
  skills: ["medis"], extra: [["kesehatan_masyarakat", 0.3]],
};
const psikolog: Role = {
  jabatan: ["Psikolog Klinis Ahli Pertama"], weight: 1, female: 0.75, education: "s2", skills: ["psikososial"],
  extra: [["sosial", 0.3]], degree: "M.Psi.",
};

const kasi = (bidang: string): string => `Kepala Seksi ${bidang}`;

export const PROFILES: Record<ProfileId, Profile> = {
  kelurahan: {
    head: { jabatan: ["Lurah"], weight: 0, female: 0.35, education: "s1", skills: ["administrasi"], extra: [["sosial", 0.6]], degree: "S.Sos." },
    roles: [
      { jabatan: ["Sekretaris Kelurahan"], weight: 1, female: 0.4, education: "s1", skills: ["administrasi"], extra: [["komunikasi", 0.3]] },
      { jabatan: [kasi("Pemerintahan"), "Pengadministrasi Pemerintahan"], weight: 2, female: 0.45, education: "s1", skills: ["administrasi"], extra: [["logistik", 0.3]] },
      { jabatan: [kasi("Kesejahteraan Sosial"), "Pengelola Kesejahteraan Sosial"], weight: 2, female: 0.6, education: "s1", skills: ["sosial"], extra: [["dapur_umum", 0.4], ["administrasi", 0.4]] },
      { jabatan: [kasi("Ketenteraman dan Ketertiban Umum"), "Pengelola Ketenteraman dan Ketertiban"], weight: 2, female: 0.15, education: "sma", skills: ["keamanan"], extra: [["evakuasi", 0.4], ["administrasi", 0.3]] },
      { jabatan: [kasi("Pemberdayaan Masyarakat"), "Pengelola Pemberdayaan Masyarakat"], weight: 2, female: 0.55, education: "s1", skills: ["sosial"], extra: [["logistik", 0.4], ["dapur_umum", 0.3]] },
      { ...admin, weight: 3 },
    ],
    volunteer: 0.3, fatigued: 0.25,
  },
  kecamatan: {
    head: { jabatan: ["Camat"], weight: 0, female: 0.3, education: "s2", skills: ["administrasi"], extra: [["komunikasi", 0.5]], degree: "S.Sos., M.Si." },
    roles: [
      { jabatan: ["Sekretaris Kecamatan"], weight: 1, female: 0.4, education: "s1", skills: ["administrasi"] },
      { jabatan: [kasi("Pemerintahan"), "Analis Pemerintahan"], weight: 2, female: 0.45, education: "s1", skills: ["administrasi"], extra: [["komunikasi", 0.3]] },
      { jabatan: [kasi("Kesejahteraan Sosial"), "Analis Kesejahteraan Sosial"], weight: 2, female: 0.6, education: "s1", skills: ["sosial"], extra: [["dapur_umum", 0.3], ["psikososial", 0.2]] },
      { jabatan: [kasi("Ketenteraman dan Ketertiban Umum"), "Pengelola Ketertiban Umum"], weight: 2, female: 0.15, education: "sma", skills: ["keamanan"], extra: [["evakuasi", 0.3]] },
      { jabatan: ["Pengelola Barang Milik Daerah"], weight: 1, female: 0.4, education: "d3", skills: ["logistik"], extra: [["administrasi", 0.6]] },
      { ...admin, weight: 4 },
    ],
    volunteer: 0.3, fatigued: 0.25,
  },
  puskesmas: {
    head: { jabatan: ["Kepala UPTD Puskesmas"], weight: 0, female: 0.6, education: "s1", skills: ["medis"], extra: [["kesehatan_masyarakat", 0.8]], prefix: "dr." },
    roles: [dokter, dokterGigi, perawat, perawatNers, bidan, sanitarian, nutrisionis, promkes, farmasi, labkes, { ...admin, weight: 2 }],
    volunteer: 0.28, fatigued: 0.3,
  },
  rumah_sakit: {
    head: { jabatan: ["Direktur"], weight: 0, female: 0.45, education: "s2", skills: ["medis"], extra: [["administrasi", 0.6]], prefix: "dr." },
    roles: [
      { ...dokter, weight: 2 },
      { jabatan: ["Dokter Spesialis Ahli Muda", "Dokter Spesialis Ahli Madya"], ladder: true, weight: 2, female: 0.5, education: "s2", skills: ["medis"], prefix: "dr." },
      { ...perawat, weight: 6 },
      { ...perawatNers, weight: 4 },
      { ...bidan, weight: 3 },
      farmasi, labkes,
      { jabatan: ["Radiografer Terampil", "Fisioterapis Terampil"], weight: 1, female: 0.5, education: "d3", skills: ["medis"] },
      { ...admin, weight: 3 },
    ],
    volunteer: 0.18, fatigued: 0.3,
  },
  rs_jiwa: {
    head: { jabatan: ["Direktur"], weight: 0, female: 0.45, education: "s2", skills: ["medis"], extra: [["psikososial", 0.8]], prefix: "dr." },
    roles: [
      { jabatan: ["Dokter Spesialis Kedokteran Jiwa Ahli Muda"], weight: 1, female: 0.5, education: "s2", skills: ["medis", "psikososial"], prefix: "dr." },
      { ...dokter, weight: 2, extra: [["psikososial", 0.5]] },
      { ...psikolog, weight: 3 },
      { ...perawat, weight: 4, extra: [["psikososial", 0.5]] },
      { ...perawatNers, weight: 4, extra: [["psikososial", 0.7]] },
      farmasi,
      { jabatan: ["Pekerja Sosial Ahli Pertama"], weight: 2, female: 0.6, education: "s1", skills: ["sosial", "psikososial"] },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.2, fatigued: 0.2,
  },
  dinkes: {
    head: { jabatan: ["Kepala Dinas Kesehatan"], weight: 0, female: 0.45, education: "s2", skills: ["medis"], extra: [["kesehatan_masyarakat", 0.9]], prefix: "dr." },
    roles: [
      { jabatan: ["Epidemiolog Kesehatan Ahli Pertama", "Epidemiolog Kesehatan Ahli Muda"], ladder: true, weight: 3, female: 0.55, education: "s1", skills: ["kesehatan_masyarakat"], extra: [["komunikasi", 0.3]], degree: "S.KM." },
      { ...sanitarian, weight: 2 },
      { ...promkes, weight: 2 },
      { ...dokter, weight: 2 },
      { ...perawatNers, weight: 3 },
      { jabatan: ["Pengelola Logistik Obat dan Perbekalan Kesehatan", "Apoteker Ahli Muda"], weight: 2, female: 0.6, education: "s1", skills: ["logistik"], extra: [["kesehatan_masyarakat", 0.5]] },
      { ...nutrisionis, weight: 1 },
      { ...admin, weight: 3 },
    ],
    volunteer: 0.3, fatigued: 0.2,
  },
  dinsos: {
    head: { jabatan: ["Kepala Dinas Sosial"], weight: 0, female: 0.4, education: "s2", skills: ["sosial"], extra: [["administrasi", 0.6]], degree: "S.Sos., M.Si." },
    roles: [
      { jabatan: ["Pekerja Sosial Ahli Pertama", "Pekerja Sosial Ahli Muda"], ladder: true, weight: 4, female: 0.6, education: "s1", skills: ["sosial"], extra: [["psikososial", 0.6], ["dapur_umum", 0.2]], degree: "S.Sos." },
      { jabatan: ["Penyuluh Sosial Ahli Pertama"], weight: 2, female: 0.55, education: "s1", skills: ["sosial"], extra: [["komunikasi", 0.4], ["psikososial", 0.3]], degree: "S.Sos." },
      { jabatan: ["Pengelola Perlindungan dan Jaminan Sosial", "Analis Bantuan Sosial"], weight: 3, female: 0.5, education: "s1", skills: ["sosial", "logistik"], extra: [["administrasi", 0.3]] },
      // Linmas/bencana staff who run Tagana's dapur umum (Tagana volunteers themselves are not ASN).
      { jabatan: ["Pengelola Perlindungan Sosial Korban Bencana", "Pengelola Logistik Bencana"], weight: 4, female: 0.45, education: "d3", skills: ["dapur_umum", "logistik"], extra: [["evakuasi", 0.3], ["sosial", 0.3]] },
      { ...psikolog, weight: 1 },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.45, fatigued: 0.35,
  },
  bpbd: {
    head: { jabatan: ["Kepala Pelaksana BPBD"], weight: 0, female: 0.2, education: "s2", skills: ["evakuasi"], extra: [["komunikasi", 0.8]], degree: "S.T., M.M." },
    roles: [
      { jabatan: ["Analis Bencana Ahli Pertama", "Analis Bencana Ahli Muda"], ladder: true, weight: 3, female: 0.35, education: "s1", skills: ["evakuasi"], extra: [["logistik", 0.4], ["komunikasi", 0.3]] },
      { jabatan: ["Petugas Tim Reaksi Cepat", "Pengelola Kedaruratan"], weight: 5, female: 0.2, education: "sma", skills: ["evakuasi"], extra: [["logistik", 0.3], ["keamanan", 0.2]] },
      { jabatan: ["Operator Pusdalops", "Pengelola Sistem Informasi Kebencanaan"], weight: 2, female: 0.4, education: "d3", skills: ["komunikasi"], extra: [["administrasi", 0.4], ["evakuasi", 0.3]] },
      { jabatan: ["Pengelola Logistik dan Peralatan"], weight: 3, female: 0.3, education: "d3", skills: ["logistik"], extra: [["evakuasi", 0.5], ["dapur_umum", 0.2]] },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.5, fatigued: 0.45,
  },
  pupr: {
    head: { jabatan: ["Kepala Dinas PUPR"], weight: 0, female: 0.15, education: "s2", skills: ["teknik"], extra: [["administrasi", 0.5]], degree: "S.T., M.T." },
    roles: [
      { jabatan: ["Teknik Jalan dan Jembatan Ahli Pertama", "Teknik Jalan dan Jembatan Ahli Muda"], ladder: true, weight: 3, female: 0.25, education: "s1", skills: ["teknik"], extra: [["logistik", 0.2]], degree: "S.T." },
      { jabatan: ["Teknik Pengairan Ahli Pertama", "Teknik Pengairan Ahli Muda"], ladder: true, weight: 3, female: 0.25, education: "s1", skills: ["teknik"], extra: [["evakuasi", 0.2]], degree: "S.T." },
      { jabatan: ["Pengawas Bangunan Gedung", "Teknik Tata Bangunan dan Perumahan Terampil"], weight: 2, female: 0.3, education: "d3", skills: ["teknik"] },
      { jabatan: ["Operator Alat Berat", "Pengemudi Alat Berat"], weight: 3, female: 0.02, education: "sma", skills: ["teknik"], extra: [["evakuasi", 0.5], ["logistik", 0.3]] },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.35, fatigued: 0.3,
  },
  satpolpp: {
    head: { jabatan: ["Kepala Satuan Polisi Pamong Praja"], weight: 0, female: 0.1, education: "s2", skills: ["keamanan"], extra: [["komunikasi", 0.5]], degree: "S.H., M.H." },
    roles: [
      { jabatan: ["Polisi Pamong Praja Terampil", "Polisi Pamong Praja Mahir", "Polisi Pamong Praja Penyelia"], ladder: true, weight: 8, female: 0.2, education: "sma", skills: ["keamanan"], extra: [["evakuasi", 0.35], ["logistik", 0.15]] },
      { jabatan: ["Pengelola Perlindungan Masyarakat (Linmas)"], weight: 2, female: 0.3, education: "d3", skills: ["keamanan", "evakuasi"], extra: [["komunikasi", 0.2]] },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.3, fatigued: 0.35,
  },
  dishub: {
    head: { jabatan: ["Kepala Dinas Perhubungan"], weight: 0, female: 0.15, education: "s2", skills: ["logistik"], extra: [["administrasi", 0.5]], degree: "S.T., M.T." },
    roles: [
      { jabatan: ["Petugas Pengatur Lalu Lintas", "Pengelola Manajemen dan Rekayasa Lalu Lintas"], weight: 5, female: 0.15, education: "sma", skills: ["keamanan"], extra: [["komunikasi", 0.3], ["logistik", 0.3]] },
      { jabatan: ["Penguji Kendaraan Bermotor Terampil"], weight: 2, female: 0.1, education: "d3", skills: ["teknik"], extra: [["logistik", 0.3]] },
      { jabatan: ["Pengelola Angkutan", "Pengemudi"], weight: 3, female: 0.1, education: "sma", skills: ["logistik"], extra: [["evakuasi", 0.3]] },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.3, fatigued: 0.25,
  },
  damkar: {
    head: { jabatan: ["Kepala Dinas Pemadam Kebakaran dan Penyelamatan"], weight: 0, female: 0.1, education: "s1", skills: ["evakuasi"], extra: [["komunikasi", 0.5]], degree: "S.T." },
    roles: [
      { jabatan: ["Pemadam Kebakaran Pemula", "Pemadam Kebakaran Terampil", "Pemadam Kebakaran Mahir"], ladder: true, weight: 6, female: 0.05, education: "sma", skills: ["evakuasi"], extra: [["teknik", 0.3], ["logistik", 0.2]] },
      { jabatan: ["Analis Kebakaran", "Operator Mobil Pemadam"], weight: 3, female: 0.1, education: "d3", skills: ["evakuasi", "teknik"], extra: [["komunikasi", 0.2]] },
      { ...admin, weight: 1 },
    ],
    volunteer: 0.45, fatigued: 0.4,
  },
  bkpsdm: {
    head: { jabatan: ["Kepala BKPSDM"], weight: 0, female: 0.4, education: "s2", skills: ["administrasi"], extra: [["komunikasi", 0.4]], degree: "S.Sos., M.Si." },
    roles: [
      { jabatan: ["Analis SDM Aparatur Ahli Pertama", "Analis SDM Aparatur Ahli Muda"], ladder: true, weight: 5, female: 0.55, education: "s1", skills: ["administrasi"], extra: [["komunikasi", 0.25], ["logistik", 0.15]] },
      { jabatan: ["Pranata Komputer Ahli Pertama"], weight: 2, female: 0.4, education: "s1", skills: ["administrasi", "komunikasi"] },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.35, fatigued: 0.15,
  },
  kominfo: {
    head: { jabatan: ["Kepala Dinas Komunikasi dan Informatika"], weight: 0, female: 0.35, education: "s2", skills: ["komunikasi"], extra: [["administrasi", 0.5]], degree: "S.Kom., M.T." },
    roles: [
      { jabatan: ["Pranata Hubungan Masyarakat Ahli Pertama", "Pranata Humas Terampil"], weight: 3, female: 0.55, education: "s1", skills: ["komunikasi"], extra: [["administrasi", 0.3]] },
      { jabatan: ["Pranata Komputer Ahli Pertama", "Pengelola Jaringan"], weight: 3, female: 0.3, education: "s1", skills: ["komunikasi", "teknik"] },
      { ...admin, weight: 1 },
    ],
    volunteer: 0.35, fatigued: 0.2,
  },
  dlhk: {
    head: { jabatan: ["Kepala Dinas Lingkungan Hidup dan Kebersihan"], weight: 0, female: 0.3, education: "s2", skills: ["kesehatan_masyarakat"], extra: [["administrasi", 0.5]], degree: "S.T., M.Si." },
    roles: [
      { jabatan: ["Pengendali Dampak Lingkungan Ahli Pertama", "Pengawas Lingkungan Hidup"], weight: 3, female: 0.45, education: "s1", skills: ["kesehatan_masyarakat"], extra: [["teknik", 0.4]] },
      { jabatan: ["Pengawas Kebersihan", "Pengemudi Truk Sampah"], weight: 4, female: 0.15, education: "sma", skills: ["logistik"], extra: [["teknik", 0.3], ["evakuasi", 0.2]] },
      { ...sanitarian, weight: 2 },
      { ...admin, weight: 2 },
    ],
    volunteer: 0.3, fatigued: 0.25,
  },
  setda: {
    head: { jabatan: ["Kepala Bagian Umum"], weight: 0, female: 0.4, education: "s2", skills: ["administrasi"], extra: [["logistik", 0.5]], degree: "S.E., M.M." },
    roles: [
      { jabatan: ["Pengelola Barang Milik Daerah", "Pengelola Rumah Tangga"], weight: 3, female: 0.4, education: "d3", skills: ["logistik"], extra: [["administrasi", 0.5], ["dapur_umum", 0.2]] },
      { jabatan: ["Analis Kebijakan Ahli Pertama", "Pranata Humas Terampil"], weight: 2, female: 0.5, education: "s1", skills: ["administrasi"], extra: [["komunikasi", 0.4]] },
      { ...admin, weight: 3 },
    ],
    volunteer: 0.3, fatigued: 0.15,
  },
  dinas_umum: {
    head: { jabatan: ["Kepala Dinas"], weight: 0, female: 0.35, education: "s2", skills: ["administrasi"], extra: [["komunikasi", 0.4]], degree: "S.Sos., M.Si." },
    roles: [
      { jabatan: ["Analis Kebijakan Ahli Pertama", "Perencana Ahli Pertama"], weight: 3, female: 0.5, education: "s1", skills: ["administrasi"], extra: [["komunikasi", 0.3], ["logistik", 0.2]] },
      { jabatan: ["Pengelola Barang Milik Daerah", "Pengemudi"], weight: 2, female: 0.2, education: "sma", skills: ["logistik"], extra: [["evakuasi", 0.2]] },
      { ...admin, weight: 3 },
    ],
    volunteer: 0.3, fatigued: 0.2,
  },
};

/** The profile a unit of this kind gets when it has none of its own. */
export const KIND_PROFILE: Record<UnitKind, ProfileId> = {
  dinas: "dinas_umum",
  puskesmas: "puskesmas",
  kelurahan: "kelurahan",
  kecamatan: "kecamatan",
  bpbd: "bpbd",
  rumah_sakit: "rumah_sakit",
  lainnya: "setda",
};

/** The app's paths; no dependency, so the first script of the page (boot/early.ts) can read them too. */
export const ROUTES = {
  login: "/",
  coordinator: "/koordinator",
  unitHead: "/unit",
  staff: "/pegawai",
  screen: "/screen",
  mutasi: "/mutasi",
} as const;

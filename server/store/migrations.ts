/**
 * SQLite schema migrations, frozen: each is literal SQL, numbered by its place, applied in order, and
 * never edited once released (PRAGMA user_version records how many ran). A new collection or index of
 * the registry (shared/entities.ts) gets a NEW migration; tests/store/migrations.test.ts holds the
 * migrated schema equal to the registry and upgrades a database written by release 0.1.0.
 */
export const MIGRATIONS: readonly string[] = [
  // 1 — release 0.1.0.
  `CREATE TABLE units (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE staff (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE incidents (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE spikes (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE releases (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE assignments (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE plans (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE users (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE sessions (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE events (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL, data TEXT NOT NULL) STRICT;
CREATE INDEX staff_unit ON staff (json_extract(doc, '$.homeUnitId'));
CREATE UNIQUE INDEX staff_nip ON staff (json_extract(doc, '$.nip'));
CREATE UNIQUE INDEX units_code ON units (json_extract(doc, '$.code'));
CREATE INDEX assignments_staff ON assignments (json_extract(doc, '$.staffId'));
CREATE INDEX assignments_need ON assignments (json_extract(doc, '$.needId'));
CREATE INDEX assignments_unit ON assignments (json_extract(doc, '$.fromUnitId'));
CREATE INDEX assignments_state ON assignments (json_extract(doc, '$.state'));
CREATE UNIQUE INDEX assignments_one_open ON assignments (json_extract(doc, '$.staffId')) WHERE json_extract(doc, '$.state') IN ('requested','confirmed','active');
CREATE INDEX releases_staff ON releases (json_extract(doc, '$.staffId'));
CREATE INDEX releases_unit ON releases (json_extract(doc, '$.unitId'));
CREATE INDEX spikes_unit ON spikes (json_extract(doc, '$.unitId'));
CREATE UNIQUE INDEX users_username ON users (json_extract(doc, '$.username'));
CREATE INDEX sessions_user ON sessions (json_extract(doc, '$.userId'))`,
  // 2 — plans are listed newest first for the snapshot.
  `CREATE INDEX plans_created ON plans (json_extract(doc, '$.createdAt'))`,
  // 3 — the store's epoch (shared/entities.ts): one row, a random id that a restore replaces.
  `CREATE TABLE meta (id INTEGER PRIMARY KEY CHECK (id = 1), epoch TEXT NOT NULL) STRICT;
INSERT INTO meta (id, epoch) VALUES (1, lower(hex(randomblob(16))))`,
  // n — the annual mutasi cycle (issue 10): positions with their ABK, cycles, wishes, plans, objections.
  `CREATE TABLE positions (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE mutasiCycles (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE wishes (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE mutasiPlans (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE objections (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE INDEX positions_unit ON positions (json_extract(doc, '$.unitId'));
CREATE UNIQUE INDEX mutasi_cycles_year ON mutasiCycles (json_extract(doc, '$.year'));
CREATE INDEX wishes_cycle ON wishes (json_extract(doc, '$.cycleId'));
CREATE INDEX mutasi_plans_cycle ON mutasiPlans (json_extract(doc, '$.cycleId'));
CREATE INDEX mutasi_plans_created ON mutasiPlans (json_extract(doc, '$.createdAt'));
CREATE INDEX objections_cycle ON objections (json_extract(doc, '$.cycleId'))`,
  // Surat Perintah Tugas (issue 11): the letters as issued, and each issuing unit's yearly number.
  `CREATE TABLE letters (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE letterCounters (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE UNIQUE INDEX letters_assignment ON letters (json_extract(doc, '$.assignmentId'));
CREATE UNIQUE INDEX letters_code ON letters (json_extract(doc, '$.code'));
CREATE INDEX letters_plan ON letters (json_extract(doc, '$.planId'))`,
  // Idempotency keys (shared/idempotency.ts): the first answer of a write, replayed to its retries.
  `CREATE TABLE idempotency (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT`,
  // Replay checkpoints (shared/checkpoint.ts), one row per CHECKPOINT_EVERY events, found by id.
  `CREATE TABLE checkpoints (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT`,
  // Web Push subscriptions (shared/push.ts), one per device, found by the user they notify.
  `CREATE TABLE pushSubscriptions (id TEXT PRIMARY KEY, version INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE INDEX push_subscriptions_user ON pushSubscriptions (json_extract(doc, '$.userId'))`,
];

/**
 * `assignmentActionsFor`: the buttons the dashboard offers on an assignment, for every kind of user and
 * every state (with and without a recall waiting). The table is written out by hand from the approval
 * chain, so a change of the rulebook or the policy that moves a button shows up here.
 */
import { describe, expect, it } from "vitest";
import { ASSIGNMENT_STATES, type Assignment, type AssignmentState, type PublicUser } from "../../shared/domain.js";
import { assignmentActionsFor } from "../../shared/policy.js";
import type { AssignmentAction } from "../../shared/rules.js";

const USERS = {
  coordinator: { username: "koordinator", role: "coordinator" },
  donorHead: { username: "kepala.u1", role: "unit_head", unitId: "U1" },
  otherHead: { username: "kepala.u2", role: "unit_head", unitId: "U2" },
  person: { username: "199001012015031001", role: "staff", staffId: "S1" },
  otherStaff: { username: "199001012015031002", role: "staff", staffId: "S2" },
  screen: { username: "layar", role: "screen" },
} satisfies Record<string, PublicUser>;
type Who = keyof typeof USERS;

type Case = `${AssignmentState}` | `${AssignmentState}+recall`;
/** Who may do what; anyone not named may do nothing. */
const EXPECTED: Record<Case, Partial<Record<Who, AssignmentAction[]>>> = {
  requested: { coordinator: ["cancel"], donorHead: ["confirm", "decline"], person: ["excuse"] },
  "requested+recall": { coordinator: ["cancel"], donorHead: ["confirm", "decline"], person: ["excuse"] },
  confirmed: { coordinator: ["checkin", "cancel"], donorHead: ["recall"], person: ["checkin", "excuse"] },
  "confirmed+recall": { coordinator: ["checkin", "cancel", "recall-approve"], person: ["checkin", "excuse"] },
  active: { coordinator: ["complete"], donorHead: ["recall"], person: ["complete"] },
  "active+recall": { coordinator: ["complete", "recall-approve"], person: ["complete"] },
  completed: {},
  "completed+recall": {},
  declined: {},
  "declined+recall": {},
  recalled: {},
  "recalled+recall": {},
  cancelled: {},
  "cancelled+recall": {},
};

function assignment(state: AssignmentState, recall: boolean): Pick<Assignment, "fromUnitId" | "staffId" | "state" | "recallRequested"> {
  return {
    fromUnitId: "U1",
    staffId: "S1",
    state,
    ...(recall ? { recallRequested: { at: "2025-01-10T08:00:00+08:00", by: "kepala.u1", reason: "Puskesmas kekurangan orang" } } : {}),
  };
}

describe("assignmentActionsFor", () => {
  it("offers exactly the allowed steps, for every user and every state", () => {
    for (const state of ASSIGNMENT_STATES) {
      for (const recall of [false, true]) {
        const c: Case = recall ? `${state}+recall` : state;
        for (const who of Object.keys(USERS) as Who[]) {
          expect(assignmentActionsFor(USERS[who], assignment(state, recall)), `${who} on ${c}`).toEqual(EXPECTED[c][who] ?? []);
        }
      }
    }
  });

  it("never offers cancel once the person is on duty (the server refuses it)", () => {
    expect(assignmentActionsFor(USERS.coordinator, assignment("active", false))).not.toContain("cancel");
  });
});

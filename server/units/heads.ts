/** The coordinator's call list of unit heads: username, unit, and the phone of the person behind the account. */
import type { UnitHeadContact } from "../../shared/api.js";
import type { PublicUser } from "../../shared/domain.js";
import { authorize } from "../auth/authorize.js";
import type { Ctx } from "../context.js";

export async function unitHeads(ctx: Ctx, user: PublicUser): Promise<UnitHeadContact[]> {
  authorize(user, "unitHead.read");
  return ctx.store.read(async (tx) => {
    const units = new Map((await tx.find("units")).map((u) => [u.id, u]));
    const heads = (await tx.find("users", { role: "unit_head" })).filter((u) => u.unitId && units.has(u.unitId));
    const out: UnitHeadContact[] = [];
    for (const h of heads) {
      const person = h.staffId ? await tx.get("staff", h.staffId) : undefined;
      out.push({
        username: h.username,
        unitId: h.unitId!,
        unitName: units.get(h.unitId!)!.name,
        ...(person ? { staffId: person.id, name: person.name } : {}),
        ...(person?.phone ? { phone: person.phone } : {}),
        ...(h.acting ? { acting: h.acting } : {}),
      });
    }
    return out.sort((a, b) => a.unitName.localeCompare(b.unitName) || a.username.localeCompare(b.username));
  });
}

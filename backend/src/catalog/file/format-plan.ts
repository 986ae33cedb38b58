import { changesSomething, type FieldChange, type PlanStep } from "./plan-catalog";

// How `catalog apply` shows a plan: one line per entry, then a count.

const MARK = { create: "+", update: "~", unchanged: "=", "not-in-file": "?" } as const;

const label = (s: PlanStep) => `${s.entity} ${"product" in s && s.product ? `${s.product}/` : ""}${s.code}`;
const shown = (v: unknown) => (v === null ? "(not set)" : JSON.stringify(v));

/** Lists become keyed entries, so a change reads as what was added, removed or altered. */
function entries(value: unknown): Map<string, unknown> | null {
  if (Array.isArray(value)) {
    return new Map(
      value.map((item): [string, unknown] => {
        if (typeof item === "string") return [item, true];
        const o = item as { code?: string; name: string; defaultValue?: string };
        return o.code !== undefined ? [o.code, o.name] : [o.name, o.defaultValue];
      }),
    );
  }
  return value !== null && typeof value === "object" ? new Map(Object.entries(value)) : null;
}

function describe(change: FieldChange): string {
  const before = entries(change.from);
  const after = entries(change.to);
  if (!before || !after) return `${change.field} ${shown(change.from)} → ${shown(change.to)}`;
  const parts: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) parts.push(`+${key}`);
    else if (before.get(key) !== value) parts.push(`~${key} (${shown(before.get(key))} → ${shown(value)})`);
  }
  for (const key of before.keys()) if (!after.has(key)) parts.push(`-${key}`);
  return `${change.field} ${parts.length > 0 ? parts.join(", ") : "reordered"}`;
}

function line(step: PlanStep): string {
  switch (step.action) {
    case "create":
      return `${MARK.create} ${label(step)}: create${step.entity === "policy" && step.input.isDefault ? " (default)" : ""}`;
    case "update":
      return `${MARK.update} ${label(step)}: ${step.changes.map(describe).join("; ")}`;
    case "unchanged":
      return `${MARK.unchanged} ${label(step)}: unchanged`;
    case "not-in-file":
      return `${MARK["not-in-file"]} ${label(step)}: in the catalog but not in the file; kept (delete it through the admin API)`;
  }
}

export function formatPlan(steps: PlanStep[]): string[] {
  const count = (action: PlanStep["action"]) => steps.filter((s) => s.action === action).length;
  const summary = changesSomething(steps)
    ? `${count("create")} to create, ${count("update")} to update, ${count("unchanged")} unchanged`
    : "no changes";
  const missing = count("not-in-file");
  return [...steps.map(line), missing > 0 ? `${summary}; ${missing} not in the file (kept)` : summary];
}

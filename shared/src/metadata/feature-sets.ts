import type { FeatureSet } from "./license-spec";

// QLM's `is_features` (seed 000): `set:mask` pairs separated by `;`, e.g. `0:3;1:1`.
const MAX_FEATURE_SET = 63;
const MAX_FEATURE_MASK = 2 ** 31 - 1;

const PAIR_PATTERN = /^([0-9]+):([0-9]+)$/;

export type FeatureSetsResult = { ok: true; featureSets: FeatureSet[] } | { ok: false; problem: string };

/** `problem` completes a sentence about the value, e.g. `"0:3;0:1" lists set 0 twice`. */
export function parseFeatureSets(text: string): FeatureSetsResult {
  // QLM writers often end the list with `;`; one trailing separator is tolerated, not an empty pair.
  const body = text.endsWith(";") ? text.slice(0, -1) : text;
  if (body === "") return { ok: false, problem: "lists no feature sets" };
  const featureSets: FeatureSet[] = [];
  for (const pair of body.split(";")) {
    const match = PAIR_PATTERN.exec(pair);
    if (!match) return { ok: false, problem: `has ${JSON.stringify(pair)}, which is not set:mask` };
    const set = Number(match[1]);
    const mask = Number(match[2]);
    if (set > MAX_FEATURE_SET) return { ok: false, problem: `has set ${match[1]}, above ${MAX_FEATURE_SET}` };
    if (mask > MAX_FEATURE_MASK) return { ok: false, problem: `has mask ${match[2]}, above ${MAX_FEATURE_MASK}` };
    if (featureSets.some((existing) => existing.set === set)) {
      return { ok: false, problem: `lists set ${set} twice` };
    }
    featureSets.push({ set, mask });
  }
  return { ok: true, featureSets };
}

export const FEATURE_SETS_EXPECTED = `set:mask pairs separated by ";" with set 0 to ${MAX_FEATURE_SET} (each once) and mask 0 to ${MAX_FEATURE_MASK}, e.g. 0:3;1:1`;

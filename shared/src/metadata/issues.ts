import type { MetadataIssue } from "./license-spec";
import type { SourcedValue } from "./sources";

/**
 * `max_activations: "abc" is not a whole number; expected 1 to 1000000 (price metadata)`.
 * Values are JSON-quoted so blanks stay visible and a newline in a value cannot break the line.
 */
export function valueIssue(found: SourcedValue, problem: string, expected: string): MetadataIssue {
  return {
    key: found.key,
    value: found.value,
    source: found.source,
    message: `${found.key}: ${JSON.stringify(found.value)} ${problem}; expected ${expected} (${found.source} metadata)`,
  };
}

/** A required key that neither the price nor its product has; the price is where it belongs. */
export function missingIssue(key: string, expected: string): MetadataIssue {
  return { key, value: undefined, source: "price", message: `${key} is required; expected ${expected} (price metadata)` };
}

export function formatMetadataIssues(issues: MetadataIssue[]): string {
  return issues.map((issue) => issue.message).join("; ");
}

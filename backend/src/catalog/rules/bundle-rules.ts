import type { BundleShape } from "./shapes";
import type { Issue } from "./issue";
import { codeIssues, duplicateIssues, nameIssues } from "./values";

/** What makes a bundle valid on its own; that its members exist is for the caller, who can look. */
export function bundleIssues(b: BundleShape): Issue[] {
  return [
    ...codeIssues(["code"], b.code),
    ...nameIssues(["name"], b.name),
    // Spec resolution fails a sale of an empty bundle, so one cannot be made.
    ...(b.members.length === 0 ? [{ path: ["members"], message: "is empty; a bundle needs at least one product" }] : []),
    ...duplicateIssues(b.members, (m) => m, (i) => ["members", i], "member product"),
  ];
}

import type { ProductShape } from "./shapes";
import type { Issue } from "./issue";
import { codeIssues, customFieldNameIssues, duplicateIssues, fieldValueIssues, nameIssues } from "./values";

/** What makes a product valid on its own; its policies are checked against it by policy-rules. */
export function productIssues(p: ProductShape): Issue[] {
  return [
    ...codeIssues(["shortCode"], p.shortCode),
    ...nameIssues(["name"], p.name),
    ...p.features.flatMap((f, i) => [...codeIssues(["features", i, "code"], f.code), ...nameIssues(["features", i, "name"], f.name)]),
    ...duplicateIssues(p.features, (f) => f.code, (i) => ["features", i, "code"], "feature code"),
    ...p.customFields.flatMap((f, i) => [
      ...customFieldNameIssues(["customFields", i, "name"], f.name),
      ...fieldValueIssues(["customFields", i, "defaultValue"], f.defaultValue),
    ]),
    ...duplicateIssues(p.customFields, (f) => f.name, (i) => ["customFields", i, "name"], "custom field name"),
  ];
}

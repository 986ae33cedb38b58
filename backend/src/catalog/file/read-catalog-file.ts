import { isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { IssuePath } from "../rules/issue";
import { catalogFileSchema } from "./catalog-file-schema";
import { toDesiredCatalog, type DesiredCatalog } from "./desired-catalog";
import { formatFilePath } from "./file-paths";

/** A problem in a catalog file: where (path in the file's keys, line when known) and what. */
export interface FileIssue {
  path: IssuePath;
  line?: number;
  message: string;
}

export type CatalogFileResult =
  | { ok: true; catalog: DesiredCatalog; lineOf: (path: IssuePath) => number | undefined }
  | { ok: false; issues: FileIssue[] };

/** `catalog.yaml:12: products[1].policies[0].valid_duration: "3x" is not a duration; …` */
export function formatFileIssue(fileName: string, issue: FileIssue): string {
  const where = issue.line === undefined ? fileName : `${fileName}:${issue.line}`;
  return issue.path.length > 0 ? `${where}: ${formatFilePath(issue.path)}: ${issue.message}` : `${where}: ${issue.message}`;
}

/** The line of the closest node to `path` that the file has (a missing key points at its parent). */
function locator(doc: Document, lines: LineCounter) {
  return (path: IssuePath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** Parses and checks the shape of a catalog file; what the values mean is checked by planCatalog. */
export function readCatalogFile(text: string): CatalogFileResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({ path: [], line: lines.linePos(e.pos[0]).line, message: `not valid YAML: ${e.message.split("\n")[0]}` })),
    };
  }
  const lineOf = locator(doc, lines);
  // An empty file (or only comments) is an empty catalog.
  const parsed = catalogFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.flatMap((issue): FileIssue[] => {
        const path = issue.path as IssuePath;
        if (issue.code === "unrecognized_keys") {
          return issue.keys.map((key) => ({ path: [...path, key], line: lineOf([...path, key]), message: "is not a known key here (see docs/catalog.example.yaml for the keys)" }));
        }
        return [{ path, line: lineOf(path), message: issue.message }];
      }),
    };
  }
  return { ok: true, catalog: toDesiredCatalog(parsed.data), lineOf };
}

import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { applyPlan } from "../../catalog/file/apply-plan";
import { formatPlan } from "../../catalog/file/format-plan";
import { changesSomething, planCatalog } from "../../catalog/file/plan-catalog";
import { formatFileIssue, readCatalogFile, type FileIssue } from "../../catalog/file/read-catalog-file";
import { readCatalog } from "../../catalog/read-catalog";
import { withCli } from "../cli-context";
import { CliError } from "../cli-error";
import { ACCOUNT_OPTION } from "./options";

function refuse(file: string, issues: FileIssue[]): never {
  for (const issue of issues) process.stderr.write(`${formatFileIssue(file, issue)}\n`);
  throw new CliError(`${file} has ${issues.length} problem${issues.length === 1 ? "" : "s"}; nothing was applied`);
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function catalogApplyCommand() {
  return new Command("apply")
    .description("Make the catalog match a catalog.yaml: shows what changes, then applies it in one transaction")
    .argument("<file>", "the catalog file, e.g. catalog.yaml (see docs/catalog.example.yaml)")
    .requiredOption(...ACCOUNT_OPTION)
    .option("--dry-run", "show the changes without writing anything")
    .action((file: string, opts: { account: string; dryRun?: boolean }) =>
      // The file is checked before the database is opened: a typo should not wait for a database start.
      readText(file).then((text) => {
        const read = readCatalogFile(text);
        if (!read.ok) refuse(file, read.issues);
        return withCli(async ({ db, out, note }) => {
          const account = await findAccount(db, opts.account);
          const plan = planCatalog(read.catalog, await readCatalog(db, account.id));
          if (!plan.ok) refuse(file, plan.issues.map((i) => ({ ...i, line: read.lineOf(i.path) })));
          for (const line of formatPlan(plan.steps)) out(line);
          if (!changesSomething(plan.steps)) return;
          if (opts.dryRun) {
            note("Dry run: nothing was written.");
            return;
          }
          const written = await applyPlan(db, account.id, plan.steps, { type: "CLI", id: `catalog apply ${file}` });
          out(`Applied ${written} change${written === 1 ? "" : "s"}.`);
        });
      }),
    );
}

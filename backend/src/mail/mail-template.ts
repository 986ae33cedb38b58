import { MAIL_PLACEHOLDERS, type MailTemplate, type MailTemplateInput } from "@tessera/shared";
import type { Db } from "../db/client";
import { deleteMailTemplate, findMailTemplate, saveMailTemplate } from "../db/mail-template-store";
import { NotFoundError } from "../errors";

// The account's license mail template, as the admin API shows and changes it. Its placeholders are checked
// by the shared MailTemplateInput schema before it gets here.

const dto = (t: { subject: string; body: string; enabled: boolean; updatedAt: Date }): MailTemplate => ({
  subject: t.subject,
  body: t.body,
  enabled: t.enabled,
  placeholders: [...MAIL_PLACEHOLDERS],
  updatedAt: t.updatedAt.toISOString(),
});

export async function getMailTemplate(db: Db, accountId: string): Promise<MailTemplate> {
  const template = await findMailTemplate(db, accountId);
  if (!template) throw new NotFoundError("The account has no mail template: license keys are not mailed");
  return dto(template);
}

/** From the next licenses made on, their keys are mailed with this template (while enabled). */
export async function putMailTemplate(db: Db, accountId: string, input: MailTemplateInput): Promise<MailTemplate> {
  return dto(await saveMailTemplate(db, accountId, input));
}

/** License keys are no longer mailed; mails already queued are not sent either. */
export async function removeMailTemplate(db: Db, accountId: string): Promise<void> {
  if (!(await deleteMailTemplate(db, accountId))) throw new NotFoundError("The account has no mail template");
}

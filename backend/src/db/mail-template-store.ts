import type { Db } from "./client";

// The one module that writes MailTemplate rows: the vendor's license mail, one per account.

export function findMailTemplate(db: Pick<Db, "mailTemplate">, accountId: string) {
  return db.mailTemplate.findUnique({ where: { accountId } });
}

export function saveMailTemplate(db: Pick<Db, "mailTemplate">, accountId: string, template: { subject: string; body: string; enabled: boolean }) {
  return db.mailTemplate.upsert({ where: { accountId }, create: { accountId, ...template }, update: template });
}

/** Whether there was one to delete. */
export async function deleteMailTemplate(db: Pick<Db, "mailTemplate">, accountId: string): Promise<boolean> {
  const { count } = await db.mailTemplate.deleteMany({ where: { accountId } });
  return count > 0;
}

import { z } from "@hono/zod-openapi";
import { LicenseFilters, LicenseUser, StatusChange } from "@tessera/shared";
import type { LicenseUser as LicenseUserRow } from "../../../../generated/prisma/client";
import { iso, pathParam } from "../common-schema";

export const ADMIN_PAGE_SIZE_DEFAULT = 100;
export const ADMIN_PAGE_SIZE_MAX = 1000;

// The admin API pages more generously than the dashboard: scripts read whole purchases at once.
export const AdminLicenseQuery = LicenseFilters.extend({
  cursor: z.string().min(1).optional().openapi({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(ADMIN_PAGE_SIZE_MAX).default(ADMIN_PAGE_SIZE_DEFAULT),
});

export const LicenseParams = z.object({ id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") });

/** The reason is required from the admin API: a script's change should say why. */
export const ReasonSchema = StatusChange.required().strict().openapi("StatusChangeWithReason");

export const licenseUserJson = (u: Pick<LicenseUserRow, "email" | "isManager" | "createdAt">): LicenseUser => ({
  email: u.email,
  isManager: u.isManager,
  createdAt: iso(u.createdAt),
});

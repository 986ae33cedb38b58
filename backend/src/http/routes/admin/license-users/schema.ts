import { z } from "@hono/zod-openapi";
import { pathParam } from "../common-schema";

export const LicenseUserCreateSchema = z
  .strictObject({
    email: z.email().openapi({ example: "ada@example.com" }),
    isManager: z.boolean().default(false).openapi({ description: "A license manager may manage the license's users" }),
  })
  .openapi("LicenseUserCreate");

export const LicenseIdParams = z.object({ id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") });
export const LicenseUserParams = LicenseIdParams.extend({ email: pathParam("email", "ada@example.com") });

import { z } from "@hono/zod-openapi";
import { pathParam } from "../common-schema";

export const PolicyParams = z.object({ shortCode: pathParam("shortCode", "APP"), code: pathParam("code", "std") });

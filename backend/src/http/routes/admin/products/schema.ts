import { z } from "@hono/zod-openapi";
import { pathParam } from "../common-schema";

export const ShortCodeParams = z.object({ shortCode: pathParam("shortCode", "APP") });

import { z } from "@hono/zod-openapi";
import { pathParam } from "../common-schema";

export const BundleParams = z.object({ code: pathParam("code", "SUITE") });

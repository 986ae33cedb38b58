import { Hono } from "hono";
import { AuthenticationError } from "../../errors";
import type { Metrics } from "../../observability/metrics";
import type { AppEnv } from "../app-env";

/** `GET /metrics` in Prometheus's text format; behind `Authorization: Bearer <METRICS_TOKEN>` when one is set. */
export function metricsRoute(metrics: Metrics, token: string | undefined) {
  return new Hono<AppEnv>().get("/metrics", async (c) => {
    if (token && c.req.header("authorization") !== `Bearer ${token}`) {
      throw new AuthenticationError("Send the metrics token: Authorization: Bearer <METRICS_TOKEN>");
    }
    return c.body(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType });
  });
}

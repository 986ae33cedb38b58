import { Badge, Box, Button, Divider, Inline } from "@stripe/ui-extension-sdk/ui";
import type { PriceCheck } from "@tessera/shared";
import type { DashboardClient } from "../../api";
import { formatMoment } from "../../format";
import { useLoad } from "../../hooks/useLoad";
import { LoadError } from "../LoadError";
import { Loading } from "../Loading";
import { Notice } from "../Notice";

const ORDER: PriceCheck["status"][] = ["PROBLEMS", "OK", "IGNORED", "NOT_LICENSED"];
const BADGES = {
  OK: <Badge type="positive">Makes licenses</Badge>,
  PROBLEMS: <Badge type="negative">Needs fixing</Badge>,
  IGNORED: <Badge type="neutral">Ignored</Badge>,
  NOT_LICENSED: <Badge type="neutral">Not a license item</Badge>,
} as const;
const EXPLANATIONS: Partial<Record<PriceCheck["status"], string>> = {
  IGNORED: "ignore_product is set: its payments make no license.",
  NOT_LICENSED: "No Tessera metadata: its payments make no license.",
};

/** Every active price as Tessera reads its metadata, those with problems first, each problem naming the key to fix. */
export function MetadataCheckTab({ client }: { client: DashboardClient }) {
  const { state, reload } = useLoad(() => client.metadataCheck(), [client]);
  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError what="the metadata check" error={state.error} retry={reload} />;
  const { prices, checkedAt } = state.data;
  const sorted = [...prices].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  const broken = prices.filter((p) => p.status === "PROBLEMS").length;
  return (
    <Box css={{ stack: "y", gap: "medium" }}>
      <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
        <Inline css={{ color: "secondary" }}>Checked {formatMoment(checkedAt)}</Inline>
        <Button onPress={reload}>Check again</Button>
      </Box>
      {prices.length === 0 ? <Notice title="No active prices">Create prices in Stripe with Tessera's metadata (short_code) to sell licenses.</Notice> : null}
      {broken > 0 ? <Notice title={`${broken} ${broken === 1 ? "price needs" : "prices need"} fixing`} tone="critical">Their payments fail until the metadata below is fixed; then replay the failed events.</Notice> : null}
      {sorted.map((price) => (
        <Box key={price.priceId} css={{ stack: "y", gap: "xxsmall" }}>
          <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
            <Inline css={{ fontWeight: "semibold" }}>
              {price.nickname ?? price.priceId} · {price.productName ?? price.productId}
            </Inline>
            {BADGES[price.status]}
          </Box>
          <Inline css={{ color: "secondary", font: "caption" }}>
            {price.priceId}
            {price.shortCode ? ` · short_code ${price.shortCode}` : ""}
            {price.recurring ? " · recurring" : " · one-off"}
          </Inline>
          {price.problems.map((problem) => (
            <Box key={problem.key} css={{ color: "critical" }}>
              {problem.key}: {problem.message}
            </Box>
          ))}
          {EXPLANATIONS[price.status] ? <Inline css={{ color: "secondary" }}>{EXPLANATIONS[price.status]}</Inline> : null}
          <Divider />
        </Box>
      ))}
    </Box>
  );
}

import { Box } from "@stripe/ui-extension-sdk/ui";
import { describeError } from "../api-error";

/** Why a write failed, under the control that started it. */
export function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  return <Box css={{ color: "critical" }}>{describeError(error)}</Box>;
}

import { Box, Spinner } from "@stripe/ui-extension-sdk/ui";

export function Loading() {
  return (
    <Box css={{ stack: "x", alignX: "center", padding: "large" }}>
      <Spinner />
    </Box>
  );
}

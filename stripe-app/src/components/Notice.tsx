import { Box, Inline } from "@stripe/ui-extension-sdk/ui";
import type { ReactNode } from "react";

/** A titled block for a view's state (empty, error, not connected…), with the actions that get out of it. */
export function Notice({ title, tone = "default", children, actions }: { title: string; tone?: "default" | "critical" | "caution"; children?: ReactNode; actions?: ReactNode }) {
  const color = tone === "critical" ? "critical" : tone === "caution" ? "attention" : "primary";
  return (
    <Box css={{ stack: "y", gap: "small", padding: "medium", backgroundColor: "container", borderRadius: "medium" }}>
      <Inline css={{ font: "heading", color }}>{title}</Inline>
      {children}
      {actions ? <Box css={{ stack: "x", gap: "small", wrap: "wrap" }}>{actions}</Box> : null}
    </Box>
  );
}

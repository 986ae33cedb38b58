import { Box, Inline } from "@stripe/ui-extension-sdk/ui";
import type { ReactNode } from "react";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      <Inline css={{ font: "subheading" }}>{title}</Inline>
      {children}
    </Box>
  );
}

/** One labelled value; label and value side by side. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box css={{ stack: "x", gap: "small", distribute: "space-between" }}>
      <Inline css={{ color: "secondary" }}>{label}</Inline>
      <Inline>{children}</Inline>
    </Box>
  );
}

export function Nothing({ children }: { children: ReactNode }) {
  return <Inline css={{ color: "secondary" }}>{children}</Inline>;
}

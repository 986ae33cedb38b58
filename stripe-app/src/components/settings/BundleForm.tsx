import { Box, Checkbox, TextField } from "@stripe/ui-extension-sdk/ui";
import { BundleCreate, BundleUpdate, type Bundle, type Product } from "@tessera/shared";
import { useState } from "react";
import type { DashboardClient } from "../../api";
import { useAction } from "../../hooks/useAction";
import { Section } from "../Section";
import { checked, problemOf } from "./form-input";
import { FormButtons } from "./FormButtons";

/** Creates a bundle of the catalog's products, or edits one. */
export function BundleForm({ client, products, bundle, done, cancel }: {
  client: DashboardClient;
  products: Product[];
  bundle: Bundle | null;
  done: () => void;
  cancel: () => void;
}) {
  const [code, setCode] = useState(bundle?.code ?? "");
  const [name, setName] = useState(bundle?.name ?? "");
  const [members, setMembers] = useState<string[]>(bundle?.members ?? []);

  const save = useAction(async () => {
    if (bundle) await client.updateBundle(bundle.code, checked(BundleUpdate, { name, members }));
    else await client.createBundle(checked(BundleCreate, { code, name, members }));
    done();
  });
  const toggle = (shortCode: string, on: boolean) => setMembers((current) => (on ? [...current, shortCode] : current.filter((m) => m !== shortCode)));

  return (
    <Section title={bundle ? `Edit bundle ${bundle.code}` : "New bundle"}>
      <Box css={{ stack: "y", gap: "small" }}>
        {bundle ? null : (
          <TextField label="Code" description="What prices name the bundle by in short_code; no product may use it" value={code} onChange={(e) => setCode(e.target.value)} error={problemOf(save.error, "code")} />
        )}
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={problemOf(save.error, "name")} />
        {products.map((product) => (
          <Checkbox
            key={product.shortCode}
            label={`${product.name} (${product.shortCode})`}
            checked={members.includes(product.shortCode)}
            onChange={(e) => toggle(product.shortCode, e.target.checked)}
          />
        ))}
        <FormButtons label={bundle ? "Save bundle" : "Create bundle"} save={() => save.run()} cancel={cancel} pending={save.pending} error={save.error} />
      </Box>
    </Section>
  );
}

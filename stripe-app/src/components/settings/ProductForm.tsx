import { Box, Select, TextArea, TextField } from "@stripe/ui-extension-sdk/ui";
import { AUTHORIZATION_METHODS, ProductCreate, ProductUpdate, type Product } from "@tessera/shared";
import { useState } from "react";
import type { DashboardClient } from "../../api";
import { useAction } from "../../hooks/useAction";
import { Section } from "../Section";
import { checked, formatLines, parseLines, problemOf } from "./form-input";
import { FormButtons } from "./FormButtons";

const METHOD_LABELS: Record<(typeof AUTHORIZATION_METHODS)[number], string> = { LICENSE_KEY: "By license key", USER: "By assigned users" };

/** Creates a product, or edits one (its short code is fixed: prices name the product by it). */
export function ProductForm({ client, product, done, cancel }: { client: DashboardClient; product: Product | null; done: () => void; cancel: () => void }) {
  const [shortCode, setShortCode] = useState(product?.shortCode ?? "");
  const [name, setName] = useState(product?.name ?? "");
  const [method, setMethod] = useState<string>(product?.authorizationMethod ?? "LICENSE_KEY");
  const [features, setFeatures] = useState(formatLines(product?.features.map((f) => [f.code, f.name]) ?? [], ": "));
  const [customFields, setCustomFields] = useState(formatLines(product?.customFields.map((f) => [f.name, f.defaultValue]) ?? [], " = "));

  const save = useAction(async () => {
    const fields = {
      name,
      authorizationMethod: method,
      features: parseLines(features, ":").map(([code, featureName]) => ({ code, name: featureName || code })),
      customFields: parseLines(customFields, "=").map(([fieldName, defaultValue]) => ({ name: fieldName, defaultValue })),
    };
    if (product) await client.updateProduct(product.shortCode, checked(ProductUpdate, fields));
    else await client.createProduct(checked(ProductCreate, { shortCode, ...fields }));
    done();
  });

  return (
    <Section title={product ? `Edit product ${product.shortCode}` : "New product"}>
      <Box css={{ stack: "y", gap: "small" }}>
        {product ? null : (
          <TextField
            label="Short code"
            description="What prices name the product by in their short_code metadata; it cannot change later"
            value={shortCode}
            onChange={(e) => setShortCode(e.target.value)}
            error={problemOf(save.error, "shortCode")}
          />
        )}
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={problemOf(save.error, "name")} />
        <Select label="Licenses are used" value={method} onChange={(e) => setMethod(e.target.value)} error={problemOf(save.error, "authorizationMethod")}>
          {AUTHORIZATION_METHODS.map((m) => (
            <option key={m} value={m}>
              {METHOD_LABELS[m]}
            </option>
          ))}
        </Select>
        <TextArea label="Features" description="One a line: code: Name" value={features} onChange={(e) => setFeatures(e.target.value)} error={problemOf(save.error, "features")} />
        <TextArea
          label="Custom fields"
          description="One a line: Name = default value"
          value={customFields}
          onChange={(e) => setCustomFields(e.target.value)}
          error={problemOf(save.error, "customFields")}
        />
        <FormButtons label={product ? "Save product" : "Create product"} save={() => save.run()} cancel={cancel} pending={save.pending} error={save.error} />
      </Box>
    </Section>
  );
}

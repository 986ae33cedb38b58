import { Badge, Box, Button, Divider, Inline } from "@stripe/ui-extension-sdk/ui";
import type { Bundle, Catalog, Policy, ProductWithPolicies } from "@tessera/shared";
import { useState } from "react";
import type { DashboardClient } from "../../api";
import { useLoad } from "../../hooks/useLoad";
import { LoadError } from "../LoadError";
import { Loading } from "../Loading";
import { Notice } from "../Notice";
import { Nothing, Section } from "../Section";
import { BundleForm } from "./BundleForm";
import { PolicyForm } from "./PolicyForm";
import { ProductForm } from "./ProductForm";

type Editing =
  | { form: "product"; product: ProductWithPolicies | null }
  | { form: "policy"; product: ProductWithPolicies; policy: Policy | null }
  | { form: "bundle"; bundle: Bundle | null };

/** The catalog prices point at: products with their policies, and bundles; each can be created and edited. */
export function ProductsTab({ client, readOnlyReason }: { client: DashboardClient; readOnlyReason: string | null }) {
  const { state, reload } = useLoad(() => client.catalog(), [client]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const saved = () => {
    setEditing(null);
    reload();
  };
  const cancel = () => setEditing(null);
  const readOnly = readOnlyReason !== null;

  if (state.status === "loading") return <Loading />;
  if (state.status === "error") return <LoadError what="the catalog" error={state.error} retry={reload} />;
  const catalog = state.data;
  return (
    <Box css={{ stack: "y", gap: "large" }}>
      <Box css={{ stack: "x", gap: "small" }}>
        <Button disabled={readOnly} onPress={() => setEditing({ form: "product", product: null })}>
          Add product
        </Button>
        <Button disabled={readOnly || catalog.products.length === 0} onPress={() => setEditing({ form: "bundle", bundle: null })}>
          Add bundle
        </Button>
      </Box>
      {editing ? <EditForm client={client} catalog={catalog} editing={editing} done={saved} cancel={cancel} /> : null}
      {catalog.products.length === 0 ? (
        <Notice title="No products yet">
          <Box>Add a product, then put its short code in your prices' metadata (short_code) so their payments make licenses.</Box>
        </Notice>
      ) : null}
      {catalog.products.map((product) => (
        <ProductBlock key={product.id} product={product} readOnly={readOnly} edit={setEditing} />
      ))}
      {catalog.bundles.length > 0 ? (
        <Section title="Bundles">
          {catalog.bundles.map((bundle) => (
            <Box key={bundle.id} css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
              <Inline>
                {bundle.name} ({bundle.code}): {bundle.members.join(", ")}
              </Inline>
              <Button size="small" disabled={readOnly} onPress={() => setEditing({ form: "bundle", bundle })}>
                {`Edit bundle ${bundle.code}`}
              </Button>
            </Box>
          ))}
        </Section>
      ) : null}
    </Box>
  );
}

function EditForm({ client, catalog, editing, done, cancel }: { client: DashboardClient; catalog: Catalog; editing: Editing; done: () => void; cancel: () => void }) {
  if (editing.form === "product") return <ProductForm client={client} product={editing.product} done={done} cancel={cancel} />;
  if (editing.form === "policy") return <PolicyForm client={client} product={editing.product} policy={editing.policy} done={done} cancel={cancel} />;
  return <BundleForm client={client} products={catalog.products} bundle={editing.bundle} done={done} cancel={cancel} />;
}

function ProductBlock({ product, readOnly, edit }: { product: ProductWithPolicies; readOnly: boolean; edit: (editing: Editing) => void }) {
  return (
    <Section title={`${product.name} (${product.shortCode})`}>
      <Inline css={{ color: "secondary" }}>
        {product.authorizationMethod === "USER" ? "Used by assigned users" : "Used by license key"}
        {product.features.length > 0 ? ` · features ${product.features.map((f) => f.code).join(", ")}` : ""}
        {product.customFields.length > 0 ? ` · custom fields ${product.customFields.map((f) => f.name).join(", ")}` : ""}
      </Inline>
      <Box css={{ stack: "x", gap: "small" }}>
        <Button size="small" disabled={readOnly} onPress={() => edit({ form: "product", product })}>
          {`Edit ${product.shortCode}`}
        </Button>
        <Button size="small" disabled={readOnly} onPress={() => edit({ form: "policy", product, policy: null })}>
          {`Add policy to ${product.shortCode}`}
        </Button>
      </Box>
      {product.policies.length === 0 ? <Nothing>No policies: licenses use the product's defaults</Nothing> : null}
      {product.policies.map((policy) => (
        <Box key={policy.id} css={{ stack: "y", gap: "xxsmall" }}>
          <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
            <Box css={{ stack: "x", gap: "small", alignY: "center" }}>
              <Inline>
                {policy.code}: {policy.name}
              </Inline>
              {policy.isDefault ? <Badge type="info">Default</Badge> : null}
            </Box>
            <Button size="small" disabled={readOnly} onPress={() => edit({ form: "policy", product, policy })}>
              {`Edit policy ${policy.code}`}
            </Button>
          </Box>
          <Inline css={{ color: "secondary", font: "caption" }}>{policySummary(policy)}</Inline>
          <Divider />
        </Box>
      ))}
    </Section>
  );
}

function policySummary(policy: Policy): string {
  const parts = [
    policy.licenseType ?? "type from the price",
    policy.validDuration ? `valid ${policy.validDuration}` : null,
    policy.maxActivations !== null ? `${policy.maxActivations} activations` : null,
    policy.enableMaintenance ? `maintenance ${policy.maintenanceDuration ?? ""}`.trim() : null,
  ];
  return parts.filter((p): p is string => p !== null).join(" · ");
}

import { Box, Checkbox, Select, TextArea, TextField } from "@stripe/ui-extension-sdk/ui";
import { PolicyCreate, PolicyUpdate, type Policy, type ProductWithPolicies } from "@tessera/shared";
import { useState } from "react";
import type { DashboardClient } from "../../api";
import { useAction } from "../../hooks/useAction";
import { Section } from "../Section";
import { checked, formatLines, parseLines, parseList, problemOf } from "./form-input";
import { FormButtons } from "./FormButtons";
import { LICENSE_TYPE_OPTIONS, POLICY_TERMS, termText, termValue, type TermKey } from "./policy-terms";

/** Creates a policy of a product, or edits one; every term left empty falls back to the product's default. */
export function PolicyForm({ client, product, policy, done, cancel }: {
  client: DashboardClient;
  product: ProductWithPolicies;
  policy: Policy | null;
  done: () => void;
  cancel: () => void;
}) {
  const [code, setCode] = useState(policy?.code ?? "");
  const [name, setName] = useState(policy?.name ?? "");
  const [terms, setTerms] = useState<Record<TermKey, string>>(
    () => Object.fromEntries(POLICY_TERMS.map((t) => [t.key, termText(policy?.[t.key])])) as Record<TermKey, string>,
  );
  const [features, setFeatures] = useState(policy?.features.join(", ") ?? "");
  const [customFields, setCustomFields] = useState(formatLines(Object.entries(policy?.customFields ?? {}), " = "));
  const [makeDefault, setMakeDefault] = useState(false);

  const save = useAction(async () => {
    const fields = {
      name,
      ...Object.fromEntries(POLICY_TERMS.map((t) => [t.key, termValue(t.kind, terms[t.key])])),
      features: parseList(features),
      customFields: Object.fromEntries(parseLines(customFields, "=")),
      ...(makeDefault ? { isDefault: true } : {}),
    };
    if (policy) await client.updatePolicy(product.shortCode, policy.code, checked(PolicyUpdate, fields));
    else await client.createPolicy(product.shortCode, checked(PolicyCreate, { code, ...fields }));
    done();
  });
  const setTerm = (key: TermKey, value: string) => setTerms((current) => ({ ...current, [key]: value }));

  return (
    <Section title={policy ? `Edit policy ${policy.code} of ${product.shortCode}` : `New policy for ${product.shortCode}`}>
      <Box css={{ stack: "y", gap: "small" }}>
        {policy ? null : (
          <TextField label="Code" description="What prices name the policy by in license_policy" value={code} onChange={(e) => setCode(e.target.value)} error={problemOf(save.error, "code")} />
        )}
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={problemOf(save.error, "name")} />
        {POLICY_TERMS.map((term) =>
          term.kind === "text" || term.kind === "int" ? (
            <TextField key={term.key} label={term.label} value={terms[term.key]} onChange={(e) => setTerm(term.key, e.target.value)} error={problemOf(save.error, term.key)} />
          ) : (
            <Select key={term.key} label={term.label} value={terms[term.key]} onChange={(e) => setTerm(term.key, e.target.value)} error={problemOf(save.error, term.key)}>
              <option value="">Product default</option>
              {(term.kind === "bool" ? ["true", "false"] : LICENSE_TYPE_OPTIONS).map((option) => (
                <option key={option} value={option}>
                  {term.kind === "bool" ? (option === "true" ? "Yes" : "No") : option}
                </option>
              ))}
            </Select>
          ),
        )}
        <TextField
          label="Features"
          description={`Comma-separated codes; the product has ${product.features.map((f) => f.code).join(", ") || "none"}`}
          value={features}
          onChange={(e) => setFeatures(e.target.value)}
          error={problemOf(save.error, "features")}
        />
        <TextArea label="Custom fields" description="One a line: Name = value" value={customFields} onChange={(e) => setCustomFields(e.target.value)} error={problemOf(save.error, "customFields")} />
        {policy?.isDefault ? null : <Checkbox label="Make this the product's default policy" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />}
        <FormButtons label={policy ? "Save policy" : "Create policy"} save={() => save.run()} cancel={cancel} pending={save.pending} error={save.error} />
      </Box>
    </Section>
  );
}

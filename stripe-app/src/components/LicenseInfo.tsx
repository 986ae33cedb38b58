import { Badge, Box, Button, Divider, FocusView, Inline } from "@stripe/ui-extension-sdk/ui";
import type { Activation, LicenseDetail } from "@tessera/shared";
import type { DashboardClient } from "../api";
import { formatDay, formatMoment, formatValue } from "../format";
import { useAction } from "../hooks/useAction";
import { useLoad } from "../hooks/useLoad";
import { ActionError } from "./ActionError";
import { CopyButton } from "./CopyButton";
import { activationsLabel, productLabel } from "./license-labels";
import { LicenseStatusBadge } from "./LicenseStatusBadge";
import { LoadError } from "./LoadError";
import { Loading } from "./Loading";
import { Field, Nothing, Section } from "./Section";

/** Everything about one license, read fresh from the backend; machines can be freed from here. */
export function LicenseInfo({ client, licenseId, readOnlyReason, changed, close }: {
  client: DashboardClient;
  licenseId: string;
  readOnlyReason: string | null;
  changed: (license: LicenseDetail) => void;
  close: () => void;
}) {
  const { state, reload, set } = useLoad(() => client.license(licenseId), [client, licenseId]);
  const freeMachine = async (activation: Activation) => {
    const license = await client.freeMachine(licenseId, activation.id);
    set(license);
    changed(license);
  };
  return (
    <FocusView title="License info" shown setShown={(shown) => (shown ? undefined : close())} secondaryAction={<Button onPress={close}>Close</Button>}>
      {state.status === "loading" ? <Loading /> : null}
      {state.status === "error" ? <LoadError what="the license" error={state.error} retry={reload} /> : null}
      {state.status === "ready" ? <LicenseDetails license={state.data} readOnlyReason={readOnlyReason} freeMachine={freeMachine} /> : null}
    </FocusView>
  );
}

function LicenseDetails({ license, readOnlyReason, freeMachine }: { license: LicenseDetail; readOnlyReason: string | null; freeMachine: (activation: Activation) => Promise<void> }) {
  return (
    <Box css={{ stack: "y", gap: "large" }}>
      <Section title="License">
        <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
          <Inline css={{ fontFamily: "monospace" }}>{license.key}</Inline>
          <CopyButton text={license.key} label="License key" />
        </Box>
        <Field label="Status">
          <LicenseStatusBadge license={license} />
        </Field>
        {license.disabledReason ? <Field label="Disabled because">{license.disabledReason}</Field> : null}
        <Field label="Product">{productLabel(license)}</Field>
        <Field label="Policy">{license.policy ?? "Product default"}</Field>
        <Field label="Type">{license.licenseType}</Field>
        <Field label="Customer">{license.customer ? (license.customer.email ?? license.customer.stripeCustomerId) : "None"}</Field>
        <Field label="Expires">{formatDay(license.expiresAt)}</Field>
        <Field label="Maintenance until">{formatDay(license.maintenanceUntil, "No maintenance")}</Field>
        {license.graceUntil ? <Field label="Unpaid, works until">{formatDay(license.graceUntil)}</Field> : null}
        <Field label="Activations">{activationsLabel(license)}</Field>
        {license.maxConsumptions !== null ? <Field label="Consumption">{`${license.consumptionUsed} / ${license.maxConsumptions}`}</Field> : null}
      </Section>
      <Section title="Spec">
        {Object.keys(license.spec).length === 0 ? <Nothing>No spec recorded</Nothing> : null}
        {Object.entries(license.spec).map(([name, value]) => (
          <Field key={name} label={name}>
            {formatValue(value)}
          </Field>
        ))}
      </Section>
      <Section title="Features">
        {license.features.length === 0 ? <Nothing>No features</Nothing> : <Inline>{license.features.join(", ")}</Inline>}
        {license.stripeEntitlements.length > 0 ? <Field label="Stripe Entitlements">{license.stripeEntitlements.join(", ")}</Field> : null}
      </Section>
      <Section title="Custom fields">
        {Object.keys(license.customFields).length === 0 ? <Nothing>No custom fields</Nothing> : null}
        {Object.entries(license.customFields).map(([name, value]) => (
          <Field key={name} label={name}>
            {value}
          </Field>
        ))}
      </Section>
      <Section title="Machines">
        {license.activations.length === 0 ? <Nothing>Not activated on any machine</Nothing> : null}
        {license.activations.map((activation) => (
          <MachineRow key={activation.id} activation={activation} readOnlyReason={readOnlyReason} free={() => freeMachine(activation)} />
        ))}
      </Section>
      <Section title="Users">
        {license.users.length === 0 ? <Nothing>No users assigned</Nothing> : null}
        {license.users.map((user) => (
          <Box key={user.email} css={{ stack: "x", gap: "small" }}>
            <Inline>{user.email}</Inline>
            {user.isManager ? <Badge type="info">Manager</Badge> : null}
          </Box>
        ))}
      </Section>
      <Section title="History">
        {license.history.map((entry, index) => (
          <Box key={index} css={{ stack: "y", gap: "xxsmall" }}>
            <Inline css={{ fontWeight: "semibold" }}>
              {entry.type} · {formatMoment(entry.createdAt)}
            </Inline>
            <Inline>{entry.message}</Inline>
            <Inline css={{ color: "secondary", font: "caption" }}>
              {entry.causeType}
              {entry.causeId ? ` ${entry.causeId}` : ""}
            </Inline>
            <Divider />
          </Box>
        ))}
      </Section>
    </Box>
  );
}

function MachineRow({ activation, readOnlyReason, free }: { activation: Activation; readOnlyReason: string | null; free: () => Promise<void> }) {
  const action = useAction(free);
  return (
    <Box css={{ stack: "y", gap: "xxsmall" }}>
      <Box css={{ stack: "x", gap: "small", distribute: "space-between", alignY: "center" }}>
        <Inline>{activation.name ?? activation.fingerprint}</Inline>
        <Button size="small" onPress={() => action.run()} pending={action.pending} disabled={readOnlyReason !== null}>
          Free machine
        </Button>
      </Box>
      <Inline css={{ color: "secondary", font: "caption" }}>
        {activation.platform ?? "Unknown platform"} · last seen {formatMoment(activation.lastSeenAt)}
        {activation.leaseExpiresAt ? ` · lease until ${formatMoment(activation.leaseExpiresAt)}` : ""}
      </Inline>
      <ActionError error={action.error} />
    </Box>
  );
}

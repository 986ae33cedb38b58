import { Box, Checkbox, TextField } from "@stripe/ui-extension-sdk/ui";
import { OUTBOUND_EVENT_TYPES, WebhookEndpointCreate, type CreatedWebhookEndpoint, type OutboundEventType } from "@tessera/shared";
import { useState } from "react";
import type { DashboardClient } from "../../api";
import { useAction } from "../../hooks/useAction";
import { Section } from "../Section";
import { checked, problemOf } from "./form-input";
import { FormButtons } from "./FormButtons";

/** Adds an endpoint of the vendor's that Tessera tells about license changes; none ticked means every type. */
export function WebhookEndpointForm({ client, created, cancel }: { client: DashboardClient; created: (endpoint: CreatedWebhookEndpoint) => void; cancel: () => void }) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [eventTypes, setEventTypes] = useState<OutboundEventType[]>([]);
  const save = useAction(async () => {
    const input = checked(WebhookEndpointCreate, { url: url.trim(), ...(description.trim() ? { description: description.trim() } : {}), eventTypes });
    created(await client.createWebhookEndpoint(input));
  });
  const toggle = (type: OutboundEventType, on: boolean) => setEventTypes((current) => (on ? [...current, type] : current.filter((t) => t !== type)));
  return (
    <Section title="New endpoint">
      <Box css={{ stack: "y", gap: "small" }}>
        <TextField label="URL" type="url" placeholder="https://" value={url} onChange={(e) => setUrl(e.target.value)} error={problemOf(save.error, "url")} />
        <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={problemOf(save.error, "description")} />
        {OUTBOUND_EVENT_TYPES.map((type) => (
          <Checkbox key={type} label={type} checked={eventTypes.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
        ))}
        <FormButtons label="Add endpoint" save={() => save.run()} cancel={cancel} pending={save.pending} error={save.error} />
      </Box>
    </Section>
  );
}

import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { SettingsView, Tab, TabList, TabPanel, TabPanels, Tabs } from "@stripe/ui-extension-sdk/ui";
import type { ReactNode } from "react";
import { useState } from "react";
import type { DashboardClient } from "../api";
import { ConnectionGate, type Access } from "../components/ConnectionGate";
import { ConnectionTab } from "../components/settings/ConnectionTab";
import { FailedEventsTab } from "../components/settings/FailedEventsTab";
import { MetadataCheckTab } from "../components/settings/MetadataCheckTab";
import { ProductsTab } from "../components/settings/ProductsTab";
import { WebhooksTab } from "../components/settings/WebhooksTab";
import { useDashboardClient } from "../hooks/useDashboardClient";
import { useLoad } from "../hooks/useLoad";

const TABS: { id: string; label: string; content: (client: DashboardClient, access: Access) => ReactNode }[] = [
  { id: "products", label: "Products", content: (client, access) => <ProductsTab client={client} readOnlyReason={access.readOnlyReason} /> },
  { id: "metadata", label: "Metadata check", content: (client) => <MetadataCheckTab client={client} /> },
  { id: "events", label: "Failed events", content: (client, access) => <FailedEventsTab client={client} readOnlyReason={access.readOnlyReason} /> },
  { id: "webhooks", label: "Webhooks", content: (client, access) => <WebhooksTab client={client} readOnlyReason={access.readOnlyReason} /> },
];

/**
 * settings: the connection, the catalog, the price metadata check, failed events and outbound webhooks.
 * Only the selected tab is rendered, so each tab loads when the vendor opens it.
 */
export default function AppSettingsView(context: ExtensionContextValue) {
  const client = useDashboardClient(context);
  const connection = useLoad(() => client.connection(), [client]);
  const [selected, setSelected] = useState("connection");
  const tab = TABS.find((t) => t.id === selected);
  return (
    <SettingsView>
      <Tabs selectedKey={selected} onSelectionChange={setSelected}>
        <TabList>
          <Tab id="connection">Connection</Tab>
          {TABS.map((t) => (
            <Tab key={t.id} id={t.id}>
              {t.label}
            </Tab>
          ))}
        </TabList>
        <TabPanels>
          <TabPanel id="connection">{selected === "connection" ? <ConnectionTab connection={connection.state} reload={connection.reload} /> : null}</TabPanel>
          {TABS.map((t) => (
            <TabPanel key={t.id} id={t.id}>
              {tab === t ? (
                <ConnectionGate connection={connection.state} retry={connection.reload}>
                  {(access) => t.content(client, access)}
                </ConnectionGate>
              ) : null}
            </TabPanel>
          ))}
        </TabPanels>
      </Tabs>
    </SettingsView>
  );
}

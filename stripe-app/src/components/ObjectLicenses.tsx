import { Box, Divider } from "@stripe/ui-extension-sdk/ui";
import { useRefreshDashboardData } from "@stripe/ui-extension-sdk/utils";
import type { DashboardLicensePage, LicenseDetail, LicenseSummary, WebhookEventSummary } from "@tessera/shared";
import { useCallback, useState } from "react";
import type { DashboardClient, LicenseQuery } from "../api";
import { useLoad } from "../hooks/useLoad";
import { usePages } from "../hooks/usePages";
import { ConnectionGate, type Access } from "./ConnectionGate";
import { DisableConfirmation } from "./DisableConfirmation";
import { LicenseInfo } from "./LicenseInfo";
import { LicenseRow } from "./LicenseRow";
import { LoadError } from "./LoadError";
import { Loading } from "./Loading";
import { LoadMore } from "./LoadMore";
import { NoLicenses } from "./NoLicenses";
import { announceReplay } from "./replay";

/** The licenses of the Stripe object a detail page shows (subscription, payment, customer), with their actions. */
export function ObjectLicenses({ client, query, noun }: { client: DashboardClient; query: LicenseQuery; noun: string }) {
  const connection = useLoad(() => client.connection(), [client]);
  return (
    <ConnectionGate connection={connection.state} retry={connection.reload}>
      {(access) => <LicensePages client={client} query={query} noun={noun} access={access} />}
    </ConnectionGate>
  );
}

function LicensePages({ client, query, noun, access }: { client: DashboardClient; query: LicenseQuery; noun: string; access: Access }) {
  const queryKey = JSON.stringify(query);
  const loadPage = useCallback((cursor?: string) => client.licenses({ ...query, ...(cursor ? { cursor } : {}) }), [client, queryKey]);
  const pages = usePages<LicenseSummary, DashboardLicensePage>(loadPage, [loadPage]);
  const refreshDashboard = useRefreshDashboardData();
  const [disabling, setDisabling] = useState<LicenseSummary | null>(null);
  const [infoFor, setInfoFor] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ licenseId: string; error: unknown } | null>(null);

  const changed = (license: LicenseDetail) => pages.replace(license);
  const enable = async (license: LicenseSummary) => {
    setRowError(null);
    try {
      changed(await client.enableLicense(license.id));
    } catch (error) {
      setRowError({ licenseId: license.id, error });
    }
  };
  const replay = async (event: WebhookEventSummary) => {
    await announceReplay(await client.replayEvent(event.id));
    pages.reload();
    // A replay that made licenses also queued their keys for the object's metadata, which the page shows.
    await refreshDashboard();
  };

  if (pages.state.status === "loading") return <Loading />;
  if (pages.state.status === "error") return <LoadError what="licenses" error={pages.state.error} retry={pages.reload} />;
  const { items, nextCursor, first } = pages.state.data;
  if (items.length === 0) return <NoLicenses noun={noun} related={first.related} replay={replay} readOnlyReason={access.readOnlyReason} />;

  const actions = { enable, disable: setDisabling, showInfo: (license: LicenseSummary) => setInfoFor(license.id) };
  return (
    <Box css={{ stack: "y", gap: "small" }}>
      {items.map((license) => (
        <Box key={license.id} css={{ stack: "y" }}>
          <LicenseRow license={license} actions={actions} readOnlyReason={access.readOnlyReason} error={rowError?.licenseId === license.id ? rowError.error : null} />
          <Divider />
        </Box>
      ))}
      <LoadMore nextCursor={nextCursor} loadMore={pages.loadMore} more={pages.more} label="Load more licenses" />
      {disabling ? (
        <DisableConfirmation
          license={disabling}
          disable={async (reason) => changed(await client.disableLicense(disabling.id, reason))}
          close={() => setDisabling(null)}
        />
      ) : null}
      {infoFor ? <LicenseInfo client={client} licenseId={infoFor} readOnlyReason={access.readOnlyReason} changed={changed} close={() => setInfoFor(null)} /> : null}
    </Box>
  );
}

import {
  ConnectionStatus,
  DashboardLicensePage,
  LicenseDetail,
  LicenseSummary,
  WebhookEventSummary,
} from "@tessera/shared";

// Answers of the backend, each checked against the shared schema so a fixture can never drift from the contract.

const AT = "2026-01-15T10:30:00.000Z";
export const CONNECT_URL = "https://tessera.test/connect/start";

export function connection(status: ConnectionStatus["status"]): ConnectionStatus {
  return ConnectionStatus.parse({
    status,
    account:
      status === "NOT_CONNECTED"
        ? null
        : {
            id: "acc_1",
            stripeAccountId: "acct_1234",
            livemode: false,
            displayName: "Test Business",
            connectedAt: "2026-01-01T00:00:00.000Z",
            disconnectedAt: status === "DISCONNECTED" ? "2026-02-03T00:00:00.000Z" : null,
          },
    connectUrl: CONNECT_URL,
  });
}

export function license(overrides: Partial<LicenseSummary> = {}): LicenseSummary {
  return LicenseSummary.parse({
    id: "lic_1",
    key: "7K2QF-9XH3M-P4RTV-C8WNJ",
    status: "ACTIVE",
    manuallyDisabled: false,
    disabledReason: null,
    licenseType: "subscription",
    product: "APP",
    productName: "My App",
    policy: "std",
    bundle: null,
    bundleMember: null,
    customer: { stripeCustomerId: "cus_1", email: "buyer@example.com" },
    stripeEntitlements: [],
    maxActivations: 3,
    activationsUsed: 1,
    floatingUsers: null,
    maxLicenseUsers: null,
    consumptionUsed: 0,
    maxConsumptions: null,
    expiresAt: "2026-02-15T10:30:00.000Z",
    maintenanceUntil: null,
    graceUntil: null,
    stripe: { subscription: "sub_123", subscriptionItem: "si_1", invoice: "in_1", checkoutSession: null, paymentIntent: "pi_1", price: "price_1" },
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  });
}

export function licenseDetail(overrides: Partial<LicenseDetail> = {}): LicenseDetail {
  return LicenseDetail.parse({
    ...license(),
    spec: { licenseType: "subscription", maxActivations: 3 },
    features: ["export"],
    customFields: { Serial: "SN-42" },
    activeActivations: 1,
    activations: [
      { id: "act_1", fingerprint: "fp-abc", name: "Build server", platform: "linux", createdAt: AT, lastSeenAt: AT, leaseExpiresAt: null },
    ],
    users: [{ email: "dev@example.com", isManager: true, createdAt: AT }],
    history: [{ type: "CREATED", causeType: "STRIPE_EVENT", causeId: "evt_1", message: "Created from invoice in_1", details: {}, createdAt: AT }],
    ...overrides,
  });
}

export function event(overrides: Partial<WebhookEventSummary> = {}): WebhookEventSummary {
  return WebhookEventSummary.parse({
    id: "we_1",
    stripeEventId: "evt_1",
    type: "invoice.paid",
    status: "FAILED",
    errorCode: "UNKNOWN_PRODUCT",
    outcome: "price price_1: short_code APP is not a product of the catalog",
    receivedAt: AT,
    replayCount: 0,
    ...overrides,
  });
}

export function licensePage(data: LicenseSummary[], extra: Partial<DashboardLicensePage> = {}): DashboardLicensePage {
  return DashboardLicensePage.parse({ data, nextCursor: null, related: { failed: [], ignored: [] }, ...extra });
}

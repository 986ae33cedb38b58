// The SDK's utilities call the Dashboard host, which tests do not have: the signature, clipboard, toasts and
// the Dashboard refresh are stubs that tests can inspect (the e2e test replaces the signature with a real one).
jest.mock("@stripe/ui-extension-sdk/utils", () => {
  const refreshDashboardData = jest.fn().mockResolvedValue(undefined);
  return {
    ...jest.requireActual("@stripe/ui-extension-sdk/utils"),
    fetchStripeSignature: jest.fn().mockResolvedValue("t=1,v1=abc"),
    clipboardWriteText: jest.fn().mockResolvedValue(undefined),
    showToast: jest.fn().mockResolvedValue({ update: jest.fn(), dismiss: jest.fn() }),
    useRefreshDashboardData: () => refreshDashboardData,
  };
});

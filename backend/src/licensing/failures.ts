/**
 * Why an event could not make licenses although it was genuine: the vendor must fix the price or the
 * catalog, then replay. Such events are answered 200 (a Stripe retry would not help) and stored as failed.
 */
export type FailureCode =
  | "INVALID_METADATA"
  | "UNKNOWN_PRODUCT"
  | "UNKNOWN_POLICY"
  | "UNKNOWN_BUNDLE"
  | "NOT_A_BUNDLE"
  | "BUNDLE_FLAG_MISSING"
  | "MULTIPLE_BUNDLES"
  | "INVALID_SPEC"
  | "UNSUPPORTED_CHANGE"
  | "INVALID_PAYLOAD"
  | "STRIPE_OBJECT_MISSING"
  | "TOO_MANY_LICENSES";

export class LicensingFailure extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
    this.name = "LicensingFailure";
  }
}

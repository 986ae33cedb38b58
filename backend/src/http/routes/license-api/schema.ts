import { LicenseAnswer } from "@tessera/shared";
import { errorResponses as adminErrors, jsonContent } from "../admin/common-schema";

export const answerResponse = (what: string) => jsonContent(LicenseAnswer, what);

/** The error answers of the License API: 400 names the field, 413 too large, 429 slow down (Retry-After). */
export const errorResponses = (...statuses: (400 | 409 | 503)[]) => ({
  ...adminErrors(...statuses),
  413: { description: "The body is larger than the API takes" },
  429: { description: "Too many requests for this key or from this address; retry after the `Retry-After` seconds" },
});

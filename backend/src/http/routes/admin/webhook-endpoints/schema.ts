import { pathParam } from "../common-schema";

export const EndpointParams = { id: pathParam("id", "0b5b2a9e-6f1e-4c1e-9a57-2f0c3f3f8c11") };

export const TAG = "Outbound webhooks";

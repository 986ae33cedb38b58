export * from "./metadata/license-spec";
export { addDuration, billingToDuration, formatDuration, parseDuration } from "./metadata/duration";
export { formatMetadataIssues } from "./metadata/issues";
export { CUSTOM_FIELD_PREFIX, METADATA_KEYS, type MetadataKey } from "./metadata/keys";
export { parseLicenseMetadata, type MetadataInput, type MetadataParseResult } from "./metadata/parse-license-metadata";
export type { MetadataSource } from "./metadata/sources";
export * from "./api";

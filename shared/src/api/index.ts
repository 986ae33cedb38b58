export * from "./common";
export * from "./licenses";
export * from "./events";
export * from "./catalog";
export * from "./dashboard";
export * from "./webhook-endpoints";
export * from "./license-api";
export * from "./mail";

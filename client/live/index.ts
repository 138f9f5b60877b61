/** Framework-free live client of Siaga's /live feed (see client.ts and store.ts). */
export { LiveClient, type LiveClientOptions, type LiveStatus, type ConnectionState } from "./client.js";
export { LiveStore, type LiveState, type Collections, type CollectionName, type OfferResult } from "./store.js";

/** The handover library: a document and a zone file generated from a plan. */
export { renderHandover, HANDOVER_SECTIONS, type Handover } from "./document";
export { zoneFile, rdata, AUTOMATIC_TTL_SECONDS, type ZoneFile } from "./zonefile";

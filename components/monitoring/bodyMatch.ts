/**
 * Will a Route 53 string match see its text? Route 53 reads only the first 5,120 bytes of the body
 * (ROUTE53_SEARCH_BODY_BYTES). The check cannot fetch the page offline, so this is a heuristic on
 * what the config says:
 * - a machine endpoint (a path under /api, a health/status/ping/ready/live segment, or a
 *   .json/.txt/.xml file) answers a small body: any text is fine;
 * - an HTML page (any other path) of today's frameworks carries several KB of <head> (inline
 *   scripts, styles, preloads, JSON data) before the visible text, so only text that sits at the
 *   very top of a document (<!doctype>, <html>, <head>, <meta>, <title>, <link>, charset) is likely
 *   to be inside the window.
 */
import { ROUTE53_SEARCH_BODY_BYTES } from "../constants/aws";

const MACHINE_SEGMENT = /^(api|health|healthz|healthcheck|status|ping|ready|readyz|live|livez|up)$/i;
const MACHINE_FILE = /\.(json|txt|xml)$/i;
const TOP_OF_HTML = /<!doctype|<html|<head|<meta|<title|<link|charset/i;

/** True when the path looks like a small machine-readable endpoint rather than an HTML page. */
export function isMachineEndpoint(path: string): boolean {
  const clean = path.split("?")[0]!;
  return MACHINE_FILE.test(clean) || clean.split("/").some((segment) => MACHINE_SEGMENT.test(segment));
}

/** A warning when `text` is unlikely to be within the first 5,120 bytes of what `path` answers. */
export function bodyMatchWarning(path: string, text: string): string | undefined {
  if (isMachineEndpoint(path) || TOP_OF_HTML.test(text)) return undefined;
  return `${JSON.stringify(text)} on the HTML page ${path} is probably beyond the first ${ROUTE53_SEARCH_BODY_BYTES.toLocaleString("en-US")} bytes Route 53 searches (a page's <head> alone often exceeds that), so the check would fail while the page is fine; match text at the top of the document (like "<title>"), or check a small endpoint such as /api/health`;
}

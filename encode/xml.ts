/**
 * XML 1.0 text and attribute values (JUnit reports). XML cannot hold C0 controls other than
 * tab/LF/CR, U+FFFE/U+FFFF or lone surrogates at all (https://www.w3.org/TR/xml/#charsets), so
 * `visible()` shows them (and line breaks, bidi overrides) as escapes; then the five markup
 * characters become entities. Each value is bounded so one live answer cannot flood a report.
 */
import { bounded, visible } from "./visible";

/** The longest value one XML attribute or text node carries (a check message, a target). */
export const MAX_XML_VALUE = 2_000;

const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" };

/** `value` as XML character data, safe in a text node and in a quoted attribute. */
export function xmlText(value: unknown): string {
  return bounded(visible(String(value ?? "")), MAX_XML_VALUE).replace(/[<>&"']/g, (c) => ENTITIES[c]!);
}

/** Live SPF ranges: the published record judged by the one "too broad" rule (kernel/spfRanges.ts). */
import { broadSpfRanges } from "../../kernel/spfRanges";
import { fail, pass } from "../check";
import type { Check } from "../types";

export function judgeSpfRanges(name: string, record: string): Check {
  const broad = broadSpfRanges(record);
  return broad ? fail("email.spf.ranges", name, `live record ${broad.reason} (${broad.terms.join(" ")})`) : pass("email.spf.ranges", name, "ip4/ip6 ranges within a /16 and a /32");
}

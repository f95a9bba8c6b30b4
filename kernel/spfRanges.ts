/**
 * "Too broad an SPF range": the passing ip4/ip6 terms of a record authorise, in total, more than
 * SPF_MAX_RANGE_ADDRESSES (`ip4:0.0.0.0/0` is +all by another name; split ranges add up). One
 * judgement for the config loader (custom senders), the policy pack (planned records) and live
 * verify (the published record).
 */
import { addressCoverage, describeCoverage, exceedsCoverage, type AddressCoverage } from "../components/addressSpace";
import { SPF_MAX_RANGE_ADDRESSES } from "../components/constants/email";
import { spfRangeTerms } from "./spf";

export interface BroadSpfRanges {
  coverage: AddressCoverage;
  /** The ip4/ip6 terms that add up to it, as written. */
  terms: string[];
  /** "authorises 2^32 IPv4 addresses; at most 65,536 IPv4 and 2^96 IPv6 addresses are expected" style text. */
  reason: string;
}

/** The record's broad ranges, or undefined when its ranges stay within the limit. */
export function broadSpfRanges(record: string): BroadSpfRanges | undefined {
  const terms = spfRangeTerms(record);
  const coverage = addressCoverage(terms.map((t) => t.replace(/^\+?ip[46]:/i, "")));
  if (!exceedsCoverage(coverage, SPF_MAX_RANGE_ADDRESSES)) return undefined;
  return { coverage, terms, reason: `authorises ${describeCoverage(coverage)}: anyone could send as the domain; at most ${describeCoverage(SPF_MAX_RANGE_ADDRESSES)} (the sending servers' own ranges) are expected` };
}

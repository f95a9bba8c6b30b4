/**
 * Whether a dated DMARC rollout step (`email.dmarc.rollout.until`) is in force on a day. One rule
 * for the config loader and the `email-dmarc-enforced-in-prod` policy, so a date one accepts the
 * other accepts too.
 */
import { DMARC_ROLLOUT_MAX_DAYS } from "../constants/email";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day as YYYY-MM-DD ("2026-02-30" is not: Date.parse would roll it to March). */
export function isCalendarDate(d: string): boolean {
  return ISO_DATE.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD, UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type RolloutState =
  | { state: "in-force"; days: number }
  | { state: "not-a-date" }
  | { state: "ended" }
  /** More than DMARC_ROLLOUT_MAX_DAYS away. */
  | { state: "too-far"; days: number };

/** The step ending on `until`, judged on `today` (both YYYY-MM-DD, UTC; `today` must be a date). */
export function rolloutState(until: string, today: string): RolloutState {
  if (!isCalendarDate(until)) return { state: "not-a-date" };
  if (until < today) return { state: "ended" };
  const days = daysBetween(today, until);
  return days > DMARC_ROLLOUT_MAX_DAYS ? { state: "too-far", days } : { state: "in-force", days };
}

/**
 * What `init` offers, named in its --help: kept apart from the template (which loads the config
 * schema, zod and tldts) so the help answers without them.
 */
import { CLOUDFLARE_PLANS } from "../kernel/ruleBudget";

/** The mail choices init knows how to write without values only a provider's console shows. */
export const INIT_MAIL_PRESETS = ["google-workspace", "microsoft-365", "amazon-ses", "none"] as const;
export type InitMailPreset = (typeof INIT_MAIL_PRESETS)[number];

/** The Cloudflare plans, as the config schema's cloudflarePlan accepts them (test/init/init.test.ts holds them equal). */
export const INIT_PLANS = CLOUDFLARE_PLANS;

/** A placeholder origin in a reserved domain (RFC 2606): obviously not the user's, never resolvable. */
export const PLACEHOLDER_ORIGIN = "your-app.example.net";

/**
 * The whole stack's schema: the core keys and every section's shape, nothing else. It has a home
 * of its own so that rules over the parsed stack (components/guards.ts) can name its type without
 * importing the loader (components/config.ts) that calls them.
 */
import { z } from "zod";
import { coreShape } from "./core";
import { edgeSchema } from "./edge";
import { emailSchema } from "./email";
import { secretsSchema } from "./secrets";
import { webhookQueueSchema } from "./webhookQueue";
import { monitoringSchema } from "./monitoring";
import { verifySchema } from "./verify";
import { dnsSchema } from "./dns";

export const stackConfigSchema = z.strictObject({
  ...coreShape,
  edge: edgeSchema.optional(),
  email: emailSchema.optional(),
  secrets: secretsSchema.optional(),
  webhookQueue: webhookQueueSchema.optional(),
  monitoring: monitoringSchema.optional(),
  verify: verifySchema.optional(),
  dns: dnsSchema.optional(),
});

/** The stack as parsed, before hosts are resolved. */
export type ParsedStackConfig = z.output<typeof stackConfigSchema>;

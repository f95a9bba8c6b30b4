/**
 * The pack's central registration: every concern module's policy list, in one ordered list that
 * refuses duplicate names (the engine keys config, violations and enforcement by name, so two
 * policies with one name would silently shadow each other).
 */
import { installSecretPathHook } from "./wire";

// Before any request reaches the pack: the no-plaintext-secrets checks need the secret paths the
// hook records while the SDK deserializes (wire.ts); readers of the plain definitions (diff) skip it.
installSecretPathHook();

export { allPolicies, registerPolicies } from "./definitions";

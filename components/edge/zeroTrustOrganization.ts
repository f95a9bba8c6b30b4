/**
 * The Zero Trust organization Access needs, looked up at preview. Cloudflare refuses Access
 * applications on an account without one, and the stack does not create it (a team name is chosen
 * once in the Zero Trust dashboard: https://developers.cloudflare.com/cloudflare-one/setup/), so a
 * missing organization stops the preview with the prerequisite named, instead of failing `up`
 * after half the stack exists.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cloudflare from "../sdk/cloudflare";

export { ZERO_TRUST_ORGANIZATION_INVOKE } from "../constants/cloudflare";

export interface ZeroTrustOrganization {
  accountId: string;
  /** <team>.cloudflareaccess.com */
  authDomain: string;
}

/** The prerequisite, named the same way wherever it is missing. */
export function missingOrganizationMessage(accountId: string, reason: string): string {
  return (
    `edge.access: no Cloudflare Zero Trust organization was found on account ${accountId} (${reason}); ` +
    `Access applications need one and the stack does not create it: open the Zero Trust dashboard (https://one.dash.cloudflare.com) once on that account and choose a team name (<team>.cloudflareaccess.com), ` +
    `and give the deploy token "Access: Organizations, Identity Providers, and Groups" Read. Then run the preview again.`
  );
}

/**
 * The lookup as a promise: resolves with the organization, rejects with a RunError naming the
 * prerequisite when the invoke fails (not found, no permission) or answers without a team domain.
 */
export function findZeroTrustOrganization(accountId: string, parent: pulumi.Resource): Promise<ZeroTrustOrganization> {
  return cloudflare.getZeroTrustOrganization({ accountId }, { parent }).then(
    (org) => {
      if (typeof org.authDomain !== "string" || org.authDomain === "") {
        throw new pulumi.RunError(missingOrganizationMessage(accountId, "the account answered without a team domain"));
      }
      return { accountId, authDomain: org.authDomain };
    },
    (error: unknown) => {
      throw new pulumi.RunError(missingOrganizationMessage(accountId, (error as Error)?.message || String(error)));
    },
  );
}

/**
 * The account id, known only once the organization was found: Access resources take their
 * accountId from it, so a missing organization fails their registration at preview.
 */
export function accountIdWithOrganization(accountId: string, parent: pulumi.Resource): pulumi.Output<string> {
  return pulumi.output(findZeroTrustOrganization(accountId, parent)).apply((org) => org.accountId);
}

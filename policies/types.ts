/**
 * Resource type tokens the policies judge, exactly as the engine sends them
 * (from the providers' generated SDKs: @pulumi/cloudflare 6.22.1, @pulumi/aws 7.48.0).
 */
export const ZONE = "cloudflare:index/zone:Zone";
export const ZONE_SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
export const DNS_RECORD = "cloudflare:index/dnsRecord:DnsRecord";
export const SM_SECRET = "aws:secretsmanager/secret:Secret";
export const SM_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
export const KMS_KEY = "aws:kms/key:Key";

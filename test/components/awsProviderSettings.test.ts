import * as pulumi from "@pulumi/pulumi";
import { awsProviderSettings } from "../../components/awsProviderSettings";

const secretValue = (value: unknown) => (pulumi.Output.isInstance(value) ? pulumi.isSecret(value as pulumi.Output<unknown>) : Promise.resolve(false));

describe("awsProviderSettings", () => {
  const settings = awsProviderSettings({
    "aws:region": "eu-west-1",
    "aws:profile": "123",
    "aws:assumeRoles": '[{"roleArn":"arn:aws:iam::123456789012:role/deploy"}]',
    "aws:allowedAccountIds": '["123456789012"]',
    "aws:skipCredentialsValidation": "true",
    "aws:maxRetries": "5",
    "aws:config:stsRegion": "eu-west-1",
    "aws:secretKey": "wJalrXUtnFEMI-example-not-real",
    "cloudflare:apiToken": "not-aws",
    "launch-ready:domain": "example.com",
  }) as Record<string, unknown>;

  test("copies every aws: key but the region, parsing structured values and keeping strings strings", () => {
    expect(Object.keys(settings).sort()).toEqual(["allowedAccountIds", "assumeRoles", "maxRetries", "profile", "secretKey", "skipCredentialsValidation", "stsRegion"]);
    expect(settings).toMatchObject({
      profile: "123",
      assumeRoles: [{ roleArn: "arn:aws:iam::123456789012:role/deploy" }],
      allowedAccountIds: ["123456789012"],
      skipCredentialsValidation: true,
      maxRetries: 5,
      stsRegion: "eu-west-1",
    });
  });

  test("keeps credentials secret", async () => {
    expect(await secretValue(settings.secretKey)).toBe(true);
    expect(await secretValue(settings.profile)).toBe(false);
  });
});

/**
 * The IAM policy document that lets the app read only its own environment's secrets and decrypt
 * with only its own environment's key. Pure: built from resolved ARNs, tested without Pulumi.
 */

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** The region of an ARN (`arn:<partition>:<service>:<region>:<account>:...`). */
export function arnRegion(arn: string): string {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || !parts[3]) {
    throw new Error(`${JSON.stringify(arn)} is not a regional ARN; "arn:aws:<service>:<region>:<account>:<resource>" is expected`);
  }
  return parts[3];
}

/**
 * GetSecretValue/DescribeSecret on exactly these secrets, and kms:Decrypt on exactly this key
 * and only when Secrets Manager calls KMS on the app's behalf (kms:ViaService), so the key
 * cannot be used to decrypt anything else even by code running with the app's role.
 */
export function secretsReadPolicyDocument(secretArns: readonly string[], keyArn: string): PolicyDocument {
  const statements: PolicyStatement[] = [];
  // IAM rejects a statement with no resources: with no secrets, only the key statement remains.
  if (secretArns.length > 0) {
    statements.push({
      Sid: "ReadOwnEnvironmentSecrets",
      Effect: "Allow",
      Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
      Resource: [...secretArns].sort(),
    });
  }
  statements.push({
    Sid: "DecryptWithOwnEnvironmentKey",
    Effect: "Allow",
    Action: ["kms:Decrypt"],
    Resource: [keyArn],
    Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${arnRegion(keyArn)}.amazonaws.com` } },
  });
  return { Version: "2012-10-17", Statement: statements };
}

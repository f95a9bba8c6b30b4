/**
 * A recording mock for the Pulumi runtime, shared by the secrets, webhook queue and monitoring
 * component tests: every registered resource is kept (type, name, inputs in wire form, options
 * that matter here), and cloud-made outputs (ARNs, URLs, ids) are faked in the AWS formats.
 */
import * as pulumi from "@pulumi/pulumi";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";

export interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, any>;
  provider?: string;
  custom: boolean;
  /** Resource options as sent to the engine (read from the register request, not guessed). */
  protect: boolean;
  retainOnDelete: boolean;
}

export const recorded: Recorded[] = [];

function arnFor(type: string, name: string, inputs: Record<string, any>): string | undefined {
  const region = inputs.region ?? REGION;
  switch (type) {
    case "aws:kms/key:Key":
      return `arn:aws:kms:${region}:${ACCOUNT}:key/${name}-id`;
    case "aws:secretsmanager/secret:Secret":
      return `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${inputs.name}-AbCdEf`;
    case "aws:sqs/queue:Queue":
      return `arn:aws:sqs:${region}:${ACCOUNT}:${inputs.name}`;
    case "aws:sns/topic:Topic":
      return `arn:aws:sns:${region}:${ACCOUNT}:${inputs.name}`;
    case "aws:iam/policy:Policy":
      return `arn:aws:iam::${ACCOUNT}:policy/${inputs.name}`;
    case "aws:lambda/function:Function":
      return `arn:aws:lambda:${region}:${ACCOUNT}:function:${inputs.name}`;
    case "aws:cloudwatch/logGroup:LogGroup":
      return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${inputs.name}`;
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
      return `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${inputs.name}`;
    default:
      return undefined;
  }
}

export function installMocks(project = "launch-ready", stack = "test"): void {
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const options = pendingOptions.get(`${args.type}::${args.name}`) ?? { protect: false, retainOnDelete: false };
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, custom: args.custom ?? true, ...options });
        const state: Record<string, any> = { ...args.inputs };
        const arn = arnFor(args.type, args.name, args.inputs);
        if (arn) state.arn = arn;
        if (args.type === "aws:sqs/queue:Queue") state.url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${args.inputs.name}`;
        if (args.type === "aws:kms/key:Key") state.keyId = `${args.name}-id`;
        if (args.type === "random:index/randomPassword:RandomPassword") state.result = `generated-${args.name}`;
        return { id: `${args.name}-id`, state };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    project,
    stack,
    false,
  );
  // The mock API hides resource options; read them off the register request the SDK builds.
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: any) => {
    pendingOptions.set(`${req.getType()}::${req.getName()}`, { protect: !!req.getProtect(), retainOnDelete: !!req.getRetainondelete() });
    return register(req, callback);
  };
}

const pendingOptions = new Map<string, { protect: boolean; retainOnDelete: boolean }>();

/** Waits until no new resource has been registered for a few turns of the event loop. */
export async function settle(): Promise<void> {
  let last = -1;
  let stable = 0;
  while (stable < 5) {
    await new Promise((r) => setTimeout(r, 5));
    if (recorded.length === last) stable++;
    else {
      stable = 0;
      last = recorded.length;
    }
  }
}

export function ofType(type: string): Recorded[] {
  return recorded.filter((r) => r.type === type);
}

export function one(type: string, name?: string): Recorded {
  const found = recorded.filter((r) => r.type === type && (name === undefined || r.name === name));
  if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
  return found[0]!;
}

/** The plain value of an output (resolves with the mock's state). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

export const SECRET_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/**
 * Every place `needle` occurs in a value in wire form, with whether that place sits inside a
 * serialized secret. A string containing the needle counts; so do JSON strings that embed it.
 */
export function occurrences(value: unknown, needle: string, path = "$", insideSecret = false): Array<{ path: string; secret: boolean }> {
  if (typeof value === "string") return value.includes(needle) ? [{ path, secret: insideSecret }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => occurrences(v, needle, `${path}[${i}]`, insideSecret));
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const isSecret = obj[SECRET_KEY] === SECRET_SIG;
    return Object.entries(obj).flatMap(([k, v]) => occurrences(v, needle, `${path}.${k}`, insideSecret || isSecret));
  }
  return [];
}

/**
 * A resource monitor for running the real program offline. It extends the SDK's MockMonitor with
 * what a plan needs and the mock throws away: the inputs exactly as serialized (secrets and
 * unknowns in wire form), the resource options, and URNs built the way the engine builds them.
 */
import { UNKNOWN_VALUE, type Plan, type PlannedResource } from "./types";
import { ZERO_TRUST_ORGANIZATION_INVOKE } from "../components/constants/cloudflare";
import { GET_ZONES_TOKEN } from "../components/zoneLookup";

/** An invoke (data source) call as the program makes it: its token and plain inputs. */
export interface InvokeCall {
  token: string;
  inputs: Record<string, unknown>;
}
/** Answers an invoke offline; undefined leaves it to the default answers below. */
export type InvokeAnswer = (call: InvokeCall) => Record<string, unknown> | undefined;

/**
 * What the offline plan answers for the data sources the program reads. The zone looked up by
 * name (components/zoneLookup.ts) is one zone whose id is unknown: the plan shows the zone id as
 * known after deploy, where `pulumi preview` asks Cloudflare. An unknown anywhere in an invoke's
 * result makes the SDK mark the whole result unknown (runtime/invoke.js), as the engine does.
 */
export function defaultInvokeAnswer(call: InvokeCall): Record<string, unknown> {
  if (call.token === GET_ZONES_TOKEN) return { results: [{ id: UNKNOWN_VALUE, name: call.inputs.name }] };
  // The IAM role lookup returns the role it was asked for, so the plan shows the attachment as
  // `pulumi preview` will when the role exists (the "Before the first deploy" section names it).
  if (call.token === "aws:iam/getRole:getRole" && typeof call.inputs.name === "string") {
    const name = call.inputs.name;
    return { name, id: name, arn: `arn:aws:iam::000000000000:role/${name}` };
  }
  // The deploy account (components/secrets/vault.ts builds the created app role's OIDC provider ARN
  // from it): a placeholder account, known, so the role's trust policy shows in the plan.
  if (call.token === "aws:index/getCallerIdentity:getCallerIdentity") {
    return { accountId: "000000000000", arn: "arn:aws:sts::000000000000:assumed-role/deploy/plan", userId: "plan", id: "000000000000" };
  }
  // The Zero Trust organization Access needs (components/edge/zeroTrustOrganization.ts): the plan
  // assumes it exists, as the "Before the first deploy" section says it must; all values known, so
  // the Access resources' accountId stays a known input.
  if (call.token === ZERO_TRUST_ORGANIZATION_INVOKE && typeof call.inputs.accountId === "string") {
    return { accountId: call.inputs.accountId, authDomain: "your-team.cloudflareaccess.com" };
  }
  return {};
}

// Internal SDK modules: the mock monitor is the supported unit-testing seam of @pulumi/pulumi.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: new (mocks: unknown) => MockMonitorBase };

interface MockMonitorBase {
  registerResource(req: RegisterRequest, callback: (err: unknown, resp?: unknown) => void): Promise<void>;
  registerResourceOutputs(req: OutputsRequest, callback: (err: unknown, resp?: unknown) => void): void;
  newUrn(parent: string, type: string, name: string): string;
}

interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): Struct | undefined;
  getProtect(): boolean;
  getDependenciesList(): string[];
  getProvider(): string;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getAliasurnsList(): string[];
  getAliasesList(): Array<{ getUrn(): string; hasSpec(): boolean; getSpec(): AliasSpec | undefined }>;
  getRetainondelete(): boolean;
  getPropertydependenciesMap(): { forEach(fn: (entry: { getUrnsList(): string[] }, key: string) => void): void };
}
interface AliasSpec {
  getName(): string;
  getType(): string;
  getStack(): string;
  getProject(): string;
  getParenturn(): string;
  getNoparent(): boolean;
}
interface OutputsRequest {
  getUrn(): string;
  getOutputs(): Struct | undefined;
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export class PlanMonitor extends MockMonitor {
  readonly planned: PlannedResource[] = [];
  /** URNs registered more than once: the engine would refuse the program. */
  readonly duplicateUrns: string[] = [];
  outputs: Record<string, unknown> = {};
  private stackUrn: string | undefined;
  /** URNs registered so far: a set, because a scan of `planned` per registration made large stacks quadratic. */
  private readonly seenUrns = new Set<string>();

  constructor(
    private readonly project: string,
    private readonly stack: string,
    answer?: InvokeAnswer,
  ) {
    super({
      // Preview semantics: known inputs flow to outputs, everything else stays unknown.
      newResource: (args: { inputs: Record<string, unknown> }) => ({ id: undefined, state: args.inputs }),
      call: (call: InvokeCall) => answer?.(call) ?? defaultInvokeAnswer(call),
    });
  }

  /**
   * The engine's URN: the qualified type is the chain of parent types (the root stack excluded),
   * joined by "$". The SDK's mock keeps only the nearest parent, which differs from the real URN
   * for anything nested twice, and the URN snapshot must match what `pulumi up` creates.
   */
  override newUrn(parent: string, type: string, name: string): string {
    let qualified = type;
    if (parent) {
      const parentQualified = parent.split("::")[2]!;
      if (parentQualified !== ROOT_STACK_TYPE) qualified = `${parentQualified}$${type}`;
    }
    return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
  }

  override async registerResource(req: RegisterRequest, callback: (err: unknown, resp?: unknown) => void): Promise<void> {
    const type = req.getType();
    const name = req.getName();
    const parent = req.getParent();
    const urn = this.newUrn(parent, type, name);
    // The engine refuses a second registration of one URN before anything is created (its step
    // generator: "Duplicate resource URN '<urn>'; try giving it a unique name"); so does the plan.
    // The render then fails with it (plan/render.ts), after the program has run, so no promise is left rejected.
    if (urn === this.stackUrn || this.seenUrns.has(urn)) {
      if (!this.duplicateUrns.includes(urn)) this.duplicateUrns.push(urn);
      return super.registerResource(req, callback);
    }
    if (type === ROOT_STACK_TYPE) {
      this.stackUrn = urn;
    } else {
      this.seenUrns.add(urn);
      this.planned.push({
        urn,
        type,
        name,
        parent: parent && parent !== this.stackUrn ? parent : undefined,
        custom: req.getCustom(),
        inputs: req.getObject()?.toJavaScript() ?? {},
        ...propertyDependenciesOf(req),
        options: {
          protect: req.getProtect(),
          deleteBeforeReplace: req.getDeletebeforereplace(),
          retainOnDelete: req.getRetainondelete(),
          ignoreChanges: req.getIgnorechangesList(),
          dependencies: req.getDependenciesList(),
          aliases: [...req.getAliasurnsList(), ...req.getAliasesList().map((a) => aliasToUrn(a, { urn, type, name, parent }, this))],
          provider: req.getProvider() || undefined,
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
        },
      });
    }
    return super.registerResource(req, callback);
  }

  override registerResourceOutputs(req: OutputsRequest, callback: (err: unknown, resp?: unknown) => void): void {
    if (req.getUrn() === this.stackUrn) this.outputs = req.getOutputs()?.toJavaScript() ?? {};
    super.registerResourceOutputs(req, callback);
  }

  /** Closing is a no-op: there is no connection. (The SDK calls it on disconnect.) */
  close(): void {}

  toPlan(config: Plan["config"]): Plan {
    return { project: this.project, stack: this.stack, config, resources: this.planned, outputs: this.outputs };
  }
}

/** Which resources each input came from (e.g. an alarm's `alarmActions` -> the topic's URN). */
function propertyDependenciesOf(req: RegisterRequest): Pick<PlannedResource, "propertyDependencies"> {
  const deps: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((entry, key) => {
    const urns = entry.getUrnsList();
    if (urns.length > 0) deps[key] = urns;
  });
  return Object.keys(deps).length > 0 ? { propertyDependencies: deps } : {};
}

/** An alias spec as the URN it stands for (defaults taken from the aliased resource itself). */
function aliasToUrn(
  alias: { getUrn(): string; hasSpec(): boolean; getSpec(): AliasSpec | undefined },
  self: { urn: string; type: string; name: string; parent: string },
  monitor: PlanMonitor,
): string {
  if (alias.getUrn()) return alias.getUrn();
  const spec = alias.getSpec();
  if (!spec) return "";
  const parent = spec.getNoparent() ? "" : spec.getParenturn() || self.parent;
  const urn = monitor.newUrn(parent, spec.getType() || self.type, spec.getName() || self.name);
  const parts = urn.split("::");
  if (spec.getStack()) parts[0] = `urn:pulumi:${spec.getStack()}`;
  if (spec.getProject()) parts[1] = spec.getProject();
  return parts.join("::");
}

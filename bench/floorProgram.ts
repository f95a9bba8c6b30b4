/**
 * The SDK's own floor for the plan benchmark: registers as many bare resources as the real
 * program did, under the same mocks, so plan time can be read as a ratio to what the SDK costs.
 */
import * as pulumi from "@pulumi/pulumi";

class Bare extends pulumi.CustomResource {
  constructor(name: string, value: number) {
    super("bench:index:Bare", name, { value });
  }
}

const count = Number(process.env.LR_BENCH_RESOURCES ?? "0");
for (let i = 0; i < count; i++) new Bare(`r${i}`, i);

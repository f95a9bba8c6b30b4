import * as path from "node:path";
import { deferredFile } from "./module";
// The SDK index's `require("./automation")`, the only request of that name in the tree.
export = deferredFile(path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "automation", "index.js"));

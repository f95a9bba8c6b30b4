/** The folder with Pulumi.yaml, index.ts and the stack files: this repository. Light to import (no SDK). */
import * as path from "node:path";

export const PROJECT_DIR = path.resolve(__dirname, "..");

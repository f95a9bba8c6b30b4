/**
 * Writes the stack file init built: checked by the real loader and config parser first (what
 * `plan` will read), then written whole or not at all, never over an existing file without force.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseStackConfig, type ParseResult } from "../components/config";
import { loadStackFile } from "../plan/stackFile";
import { PROJECT_DIR } from "../plan/projectDir";

export class InitWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InitWriteError";
  }
}

/**
 * Parses `text` as the stack file `Pulumi.<stack>.yaml` of the project in `projectDir` would be
 * parsed (project defaults included). Throws ConfigError when init wrote something the schema
 * refuses (a bug in the template, which the init tests catch).
 */
export function parseInitText(stack: string, text: string, projectDir: string = PROJECT_DIR): ParseResult {
  const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "lr-init-"));
  try {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, text);
    const loaded = loadStackFile({ projectDir, stack, configFile: file });
    return parseStackConfig(loaded.raw, file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `text` to `file` through a temporary file and a rename, refusing an existing file unless `force`. */
export function writeInitFile(file: string, text: string, force: boolean): void {
  if (!force && fs.existsSync(file)) {
    throw new InitWriteError(`${file} already exists; it is your stack file, so init leaves it alone (--force overwrites it)`);
  }
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, text, { flag: "wx" });
    fs.renameSync(temporary, file);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    throw new InitWriteError(`cannot write ${file}: ${(err as Error).message}`);
  }
}

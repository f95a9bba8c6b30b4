/**
 * The one way the CLI writes output files: every file goes to a temp file in its own folder and is
 * renamed over the target only when all of them were written, so a failure leaves no half-written
 * set (a document without its zone file). A target that is a symlink leaving its folder is refused
 * (rename would replace the link, but a reviewer expects the link's target: neither is silent).
 * The folder is checked before anything is created: an unwritable path (/proc/x/...) fails at once.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "./errors";

export interface OutputFile {
  path: string;
  content: string;
}

/** The nearest existing ancestor of `dir` (mkdir -p starts there). */
function existingAncestor(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/** Refuses (UserError) a `file` that cannot be written safely; creates its folder when it can. */
function prepareFolder(file: string): void {
  const dir = path.dirname(file);
  const ancestor = existingAncestor(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(ancestor);
    fs.accessSync(ancestor, fs.constants.W_OK);
  } catch {
    throw new UserError(`cannot write ${file}: ${ancestor} is not a writable folder; a path in a folder you can write to is expected`);
  }
  if (!stat.isDirectory()) throw new UserError(`cannot write ${file}: ${ancestor} is not a folder; a path in a folder you can write to is expected`);
  // Pseudo file systems accept access() but never hold a new file (mkdir there can spin).
  const real = fs.realpathSync(ancestor);
  if (/^\/(proc|sys|dev)(\/|$)/.test(real)) throw new UserError(`cannot write ${file}: ${real} is a system folder; a path in a folder you can write to is expected`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(`cannot write ${file}: cannot create ${dir} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(file);
  } catch {
    return;
  }
  if (link.isSymbolicLink()) {
    const folder = fs.realpathSync(dir);
    const target = path.resolve(folder, fs.readlinkSync(file));
    if (path.dirname(target) !== folder) throw new UserError(`cannot write ${file}: it is a symlink to ${target}, outside ${folder}; remove the link or choose another --out`);
  } else if (!link.isFile()) {
    throw new UserError(`cannot write ${file}: it exists and is not a regular file`);
  }
}

/** Writes all `files` or none: temp files beside each target, renamed once every one is written. */
export function writeFilesAtomically(files: OutputFile[]): void {
  for (const f of files) prepareFolder(f.path);
  const temps: Array<{ tmp: string; target: string }> = [];
  try {
    for (const f of files) {
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${process.pid}.${temps.length}.tmp`);
      temps.push({ tmp, target: f.path });
      fs.writeFileSync(tmp, f.content, { flag: "wx" });
    }
    for (const t of temps) fs.renameSync(t.tmp, t.target);
  } catch (err) {
    for (const t of temps) fs.rmSync(t.tmp, { force: true });
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot write ${files.map((f) => f.path).join(" and ")}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; nothing was written`);
  }
}

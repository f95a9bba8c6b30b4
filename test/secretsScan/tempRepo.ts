/**
 * Throw-away git repositories for the scanner's tests: created under the OS temp dir, with a local
 * identity (CI runners have no global one) and signing off, removed by `cleanup()`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TempRepo {
  dir: string;
  write(file: string, content: string): void;
  remove(file: string): void;
  /** Stage everything and commit; returns the new commit id. */
  commit(message: string): string;
  git(...args: string[]): string;
  cleanup(): void;
}

export function makeTempRepo(): TempRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lr-secrets-"));
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" }).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Scanner Test");
  git("config", "user.email", "scanner-test@example.invalid");
  git("config", "commit.gpgsign", "false");
  return {
    dir,
    git,
    write(file, content) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    },
    remove(file) {
      fs.rmSync(path.join(dir, file));
    },
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Every test file of this folder and of analyzer/, as one jest suite (test/support/folderSuite.ts).
// The files that start real processes (policy packs, the SDK entry point) are a suite of their own
// in test/plan/process, so they run beside this one.
import { folderSuite } from "../support/folderSuite";

folderSuite(__dirname);

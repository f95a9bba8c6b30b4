// Every test file of this folder, as one jest suite (test/support/folderSuite.ts). The suites that
// start real processes (the policy pack, the SDK entry point) run alone in test/plan/process, so
// they run beside this one.
import { folderSuite } from "../support/folderSuite";

folderSuite(__dirname);

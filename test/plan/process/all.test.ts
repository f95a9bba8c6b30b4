// Every test file of this folder, as one jest suite (test/support/folderSuite.ts): the suites that
// start real processes (policy packs, the SDK's entry point). They wait on those children, so the
// other worker runs beside them.
import { folderSuite } from "../../support/folderSuite";

folderSuite(__dirname);

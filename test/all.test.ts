// Every test file of this folder and of its subfolders without an all.test.ts of their own
// (structure/, init/, drift/), as one jest suite (test/support/folderSuite.ts).
import { folderSuite } from "./support/folderSuite";

folderSuite(__dirname);

// Every test file of this folder and of its subfolders, as one jest suite (test/support/folderSuite.ts).
import { folderSuite } from "../support/folderSuite";

folderSuite(__dirname);

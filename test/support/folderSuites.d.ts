/** Types of folderSuites.js (plain JavaScript, read by jest.config.js too). */
export declare const FOLDER_SUITE_FILE: string;
export declare function folderSuiteMembers(dir: string): string[];
export declare function folderSuiteDirs(root: string): string[];

/** The output formats of `diff`: named by the command's help and checked by its action. A leaf
 *  module, so the help can name them without loading the diff library. */
export const DIFF_FORMATS = ["markdown", "json"] as const;

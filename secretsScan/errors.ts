/** Input the scan cannot use (not a repository, an unknown base commit, an unreadable scan config): the CLI exits 2 with the message. */
export class ScanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScanInputError";
  }
}

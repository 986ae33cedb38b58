/** A failure the CLI explains in its own words (bad arguments, a file that does not parse, a locked database). */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

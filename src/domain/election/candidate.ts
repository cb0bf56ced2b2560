export interface Candidate {
  /** The `ID` from the front matter: what ballots store. */
  readonly id: string;
  readonly name: string;
  /** `info` flattened to strings, in file order (list-of-maps and map forms both end up here). */
  readonly info: Readonly<Record<string, string>>;
  /** File name inside the election folder, e.g. `candidate-dims.md`. */
  readonly fileName: string;
  /** The Markdown body, rendered and sanitised once at sync time. */
  readonly bioHtml: string;
}

/** Fields shown on a profile: every requested field, in the election's order, blank when absent. */
export function profileFields(candidate: Candidate, showFields: readonly string[]): Array<[string, string]> {
  return showFields.map((field) => [field, candidate.info[field] ?? '']);
}

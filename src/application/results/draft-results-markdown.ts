import type { ComputeResults, ComputeResultsInput } from './compute-results.js';
import { resultsMarkdown } from './results-markdown.js';

/** A results.md draft for the officers to review and commit (they write it by hand today). */
export class DraftResultsMarkdown {
  constructor(private readonly computeResults: ComputeResults) {}

  async execute(input: ComputeResultsInput): Promise<{ electionKey: string; markdown: string }> {
    const results = await this.computeResults.execute(input);
    return { electionKey: results.election.key, markdown: resultsMarkdown(results) };
  }
}

/** The meta repository the replicas follow: a bare git remote (file://) and an author's clone. */
import { GitFixture } from '../adapters/meta/sources/git-fixture.js';

export class MetaRemote extends GitFixture {
  /** file:// URL of the bare remote, as META_REPO. */
  get url(): string {
    return `file://${this.remote}`;
  }

  /** Commits and pushes a running election with the given voters; returns the commit id. */
  publishElection(key: string, voters: readonly string[]): string {
    const id = this.commit(electionFiles(key, voters), `add ${key}`);
    this.push();
    return id;
  }
}

/** The files of a running election with the given voters, by path from the meta root. */
export function electionFiles(key: string, voters: readonly string[]): Record<string, string> {
  return {
    [`elections/${key}/election.yaml`]: [
      `name: Replica election ${key}`,
      'organization: Replica Test',
      'start_datetime: 2020-01-01 00:00:00',
      'end_datetime: 2099-12-31 23:59:59',
      'no_winners: 1',
      'allow_no_opinion: true',
      'delete_after: false',
      'election_officers:',
      '  - olivia',
      '',
    ].join('\n'),
    [`elections/${key}/voters.yaml`]: `eligible_voters:\n${voters.map((v) => `  - ${v}`).join('\n')}\n`,
    [`elections/${key}/candidate-ada.md`]: candidate('ada', 'Ada Lovelace'),
    [`elections/${key}/candidate-alan.md`]: candidate('alan', 'Alan Turing'),
  };
}

function candidate(id: string, name: string): string {
  return [
    '-------------------------------------------------------------',
    `name: ${name}`,
    `ID: ${id}`,
    '-------------------------------------------------------------',
    '',
    `${name} runs.`,
    '',
  ].join('\n');
}

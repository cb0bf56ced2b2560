import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One election that runs from 2020 to 2099, with the given voter roll and candidates. */
export function writeBenchElection(root: string, key: string, voters: readonly string[], candidates: readonly string[]): void {
  const dir = join(root, 'elections', key);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'election.yaml'),
    'name: Write-path benchmark\norganization: Bench\nstart_datetime: 2020-01-01 00:00:00\nend_datetime: 2099-12-31 23:59:59\n' +
      'no_winners: 2\nallow_no_opinion: true\ndelete_after: false\nshow_candidate_fields: []\nelection_officers:\n  - officer-one\n' +
      'eligibility: Listed voters.\nexception_description: Ask.\nexception_due: 2099-01-01 00:00:00\n',
  );
  writeFileSync(join(dir, 'voters.yaml'), `eligible_voters:\n${voters.map((v) => `  - ${v}`).join('\n')}\n`);
  writeFileSync(join(dir, 'election_desc.md'), '# Write-path benchmark\n');
  const dashes = '-'.repeat(61);
  for (const id of candidates) writeFileSync(join(dir, `candidate-${id}.md`), `${dashes}\nname: ${id}\nID: ${id}\ninfo: []\n${dashes}\n\nAbout ${id}.\n`);
}

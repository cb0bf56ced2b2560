import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages, problemsOf, readRepo, tempCopy } from './fixture-repos.js';

/** `method:` in election.yaml: which count an election uses (issue 16). */
describe('election.yaml `method`', () => {
  const gb = 'elections/2021/GB/election.yaml';

  async function withMethod(line: string | null) {
    const repo = tempCopy('elekto-meta-test');
    try {
      if (line !== null) appendFileSync(join(repo.root, gb), `\n${line}\n`);
      return await readRepo(repo.root);
    } finally {
      repo.cleanup();
    }
  }

  it('defaults to schulze when absent, with no problem reported (an Elekto repo reads as before)', async () => {
    const reading = await withMethod(null);
    expect(reading.elections.get('2021---GB')?.method).toBe('schulze');
    expect(problemsOf(reading, gb)).toEqual([]);
  });

  it.each(['schulze', 'ranked-pairs', 'minimax', 'copeland', 'stv-meek', 'stv-scottish', 'cpo-stv'])('reads method: %s', async (method) => {
    const reading = await withMethod(`method: ${method}`);
    expect(reading.elections.get('2021---GB')?.method).toBe(method);
    expect(problemsOf(reading, gb)).toEqual([]);
  });

  it('refuses an unknown method with an error naming the file, the line and every allowed value', async () => {
    const reading = await withMethod('method: stv');
    expect(reading.elections.has('2021---GB')).toBe(false);
    const [problem, ...rest] = problemsOf(reading, gb);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      severity: 'error',
      file: gb,
      line: 18,
      message: '`method` must be one of schulze, ranked-pairs, minimax, copeland, stv-meek, stv-scottish, cpo-stv, not "stv"',
    });
  });

  it('refuses a method that is not text the same way', async () => {
    const reading = await withMethod('method: 3');
    expect(messages(problemsOf(reading, gb))).toEqual([expect.stringMatching(/^error: `method` must be one of schulze, .*cpo-stv, not 3$/)]);
  });

  it('warns when cpo-stv may have more committees to compare than it will (12 candidates, 5 seats: 792 > 300)', async () => {
    const small = await withMethod('method: cpo-stv');
    expect(problemsOf(small, gb)).toEqual([]); // 3 candidates, 1 seat: 3 committees

    const repo = tempCopy('elekto-meta-test');
    try {
      const file = join(repo.root, gb);
      writeFileSync(file, readFileSync(file, 'utf8').replace('no_winners: 1', 'no_winners: 5') + '\nmethod: cpo-stv\n');
      for (let i = 1; i <= 9; i++) {
        writeFileSync(join(repo.root, `elections/2021/GB/candidate-c${i}.md`), `---\nname: C ${i}\nID: c${i}\ninfo:\n  - employer: E${i}\n---\nBio.\n`);
      }
      const reading = await readRepo(repo.root);
      expect(reading.elections.get('2021---GB')?.candidates).toHaveLength(12);
      expect(problemsOf(reading, gb)).toEqual([
        expect.objectContaining({
          severity: 'warning',
          message: '`method: cpo-stv` compares at most 300 committees; 12 candidates for 5 seats may need more',
        }),
      ]);
    } finally {
      repo.cleanup();
    }
  });
});

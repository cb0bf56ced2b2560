import type { CandidateReading } from './candidate-file.js';
import type { ElectionFields } from './election-file.js';
import { closestName } from './key-suggestions.js';
import type { ProblemList } from './problem-list.js';

const code = (names: readonly string[]) => names.map((n) => `\`${n}\``);

function sentence(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Candidate `info` against what the election shows (show_candidate_fields) and caps on
 * (max_winners_per). A field the election does not show, in a file that lacks a field it does show,
 * is most likely that field under another name: a real 2021 repository wrote `affiliation` where the
 * election showed `employer`, and every profile showed a blank employer.
 */
export function warnAboutShownFields(dir: string, fields: ElectionFields, readings: readonly CandidateReading[], problems: ProblemList): void {
  const shown = fields.showCandidateFields;
  const used = new Set([...shown, ...(fields.seatCap ? [fields.seatCap.field] : [])]);
  for (const { candidate: c, infoLine, fieldLines } of readings) {
    const file = `${dir}/${c.fileName}`;
    const absent = shown.filter((f) => !(f in c.info) || c.info[f] === '');
    if (absent.length > 0) {
      problems.warning(
        file,
        `\`info\` has no ${code(absent).join(', ')} (listed in show_candidate_fields); the profile shows ${absent.length === 1 ? 'it' : 'them'} blank`,
        {
          line: infoLine,
          hint: `add ${sentence(absent.map((f) => `\`- ${f}: ...\``))} under \`info:\``,
        },
      );
      for (const extra of Object.keys(c.info).filter((k) => !used.has(k))) {
        const guess = absent.length === 1 ? absent[0] : closestName(extra, absent);
        problems.warning(
          file,
          `\`info.${extra}\` is not shown by this election (it shows ${sentence(code(shown))}), and this file has no ${sentence(code(absent))}`,
          {
            line: fieldLines.get(extra),
            hint: guess ? `if \`${extra}\` is meant as \`${guess}\`, rename it` : `if \`${extra}\` is meant as one of ${sentence(code(absent))}, rename it`,
          },
        );
      }
    }
    if (fields.seatCap && !(fields.seatCap.field in c.info)) {
      problems.warning(file, `\`info\` has no \`${fields.seatCap.field}\`, which \`max_winners_per\` caps on`, {
        line: infoLine,
        hint: `add \`- ${fields.seatCap.field}: ...\` so the seat cap can apply to this candidate`,
      });
    }
  }
}

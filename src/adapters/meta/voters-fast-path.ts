/**
 * Nearly every voters.yaml is the same shape: `eligible_voters:` and one `- login` per line, with
 * comments. A full YAML parse of a 1,500-line roll costs milliseconds, times hundreds of elections
 * per sync, so this reads exactly that shape line by line and returns null for anything else (quotes,
 * flow lists, other keys, tabs, `null`, `@`, empty items...), which then goes through the YAML parser.
 * Both paths yield the same entries: the login as written, and its line.
 */
export interface VoterEntry {
  readonly raw: string;
  readonly line: number;
}

const COMMENT_OR_BLANK = /^ *(#.*)?$/;
const KEY = /^eligible_voters: *( #.*)?$/;
const ITEM = /^( *)- +([A-Za-z0-9][A-Za-z0-9-]*) *( #.*)?$/;
const YAML_NULL = /^(null|Null|NULL)$/;

export function readVotersFast(text: string): VoterEntry[] | null {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && COMMENT_OR_BLANK.test(lines[i]!)) i++;
  if (lines[i] === '---') i++;
  while (i < lines.length && COMMENT_OR_BLANK.test(lines[i]!)) i++;
  if (i >= lines.length || !KEY.test(lines[i]!)) return null;
  const entries: VoterEntry[] = [];
  let indent: string | undefined;
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (COMMENT_OR_BLANK.test(line)) continue;
    const m = ITEM.exec(line);
    if (!m || YAML_NULL.test(m[2]!)) return null;
    if (indent === undefined) indent = m[1];
    else if (indent !== m[1]) return null;
    entries.push({ raw: m[2]!, line: i + 1 });
  }
  return entries;
}

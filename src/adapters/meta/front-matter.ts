export type FrontMatterSplit =
  | { readonly ok: true; readonly yaml: string; readonly yamlLineOffset: number; readonly body: string }
  | { readonly ok: false; readonly message: string; readonly hint: string; readonly line?: number };

/** A delimiter is a line of three or more dashes (real files use 3 and 46 to 61), trailing blanks allowed. */
const DELIMITER = /^-{3,}[ \t]*$/;

const TEMPLATE_HINT = 'a candidate file starts with a line of dashes, then `name:`, `ID:` and `info:` lines, then another line of dashes, then the bio';

/**
 * Splits a candidate file into front matter and body. Elekto searched for the text `--n` and the
 * LAST `---` in the file, so a bio with a Markdown rule or `kubectl --namespace` broke the candidate.
 * Here the front matter is the lines between the first delimiter line (after optional blank lines)
 * and the next delimiter line; everything after belongs to the body, `---` rules included.
 * Expects `\n` line ends and no byte-order mark (MetaFiles provides both).
 */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = text.split('\n');
  const open = lines.findIndex((l) => l.trim() !== '');
  if (open === -1) return { ok: false, message: 'is empty', hint: TEMPLATE_HINT };
  if (!DELIMITER.test(lines[open] ?? '')) {
    const collapsed = /^-{3,}\s*\S/.test(lines[open] ?? '');
    return {
      ok: false,
      line: open + 1,
      message: collapsed ? 'has its front matter on the same line as the opening dashes' : 'does not start with a front-matter delimiter (a line of dashes)',
      hint: TEMPLATE_HINT,
    };
  }
  const close = lines.findIndex((l, i) => i > open && DELIMITER.test(l));
  if (close === -1) {
    return { ok: false, line: open + 1, message: 'has no closing front-matter delimiter (a second line of dashes)', hint: TEMPLATE_HINT };
  }
  return {
    ok: true,
    yaml: lines.slice(open + 1, close).join('\n'),
    yamlLineOffset: open + 1,
    body: lines.slice(close + 1).join('\n'),
  };
}

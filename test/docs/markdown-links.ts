/**
 * Reads Markdown the way a renderer does (markdown-it, the project's own Markdown library), so links
 * inside code blocks or inline code are not mistaken for links and reference-style links are found.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import MarkdownIt, { type Token } from 'markdown-it';

export interface MarkdownLink {
  /** File the link is in, relative to the repository root. */
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

export interface MarkdownDocument {
  readonly links: readonly MarkdownLink[];
  /** GitHub's anchors for the document's headings (what `file.md#anchor` may point at). */
  readonly anchors: ReadonlySet<string>;
}

// html: false keeps raw HTML as text; docs link with Markdown syntax only.
const md = new MarkdownIt({ html: false, linkify: false });

/** README.md and every Markdown file under docs/, relative to root. */
export function documentationFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = join(dir, e.name);
      if (e.isDirectory()) return walk(full);
      return e.name.endsWith('.md') ? [relative(root, full)] : [];
    });
  return ['README.md', ...walk(join(root, 'docs'))].sort();
}

export function readMarkdown(root: string, file: string): MarkdownDocument {
  const tokens = md.parse(readFileSync(join(root, file), 'utf8'), {});
  const links: MarkdownLink[] = [];
  const slugs = new GithubSlugs();
  const anchors = new Set<string>();
  let line = 1;
  tokens.forEach((token, i) => {
    if (token.map) line = token.map[0] + 1;
    if (token.type === 'heading_open') anchors.add(slugs.next(plainText(tokens[i + 1]?.children ?? [])));
    for (const child of token.children ?? []) {
      const target = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      if (target !== null) links.push({ file, line, target: safeDecode(String(target)) });
    }
  });
  return { links, anchors };
}

/** A link that leaves the repository's files: a URL with a scheme, or protocol-relative. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');
}

/** The text a heading renders to: code spans keep their content, emphasis and link markup go. */
function plainText(children: readonly Token[]): string {
  return children
    .filter((c) => c.type === 'text' || c.type === 'code_inline')
    .map((c) => c.content)
    .join('');
}

/**
 * GitHub's heading anchors (as github-slugger makes them): lower case, punctuation and symbols
 * dropped, each space a hyphen, and -1, -2 … appended to repeats.
 */
class GithubSlugs {
  private readonly seen = new Map<string, number>();

  next(heading: string): string {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  }
}

/** markdown-it percent-encodes link targets; files are named in plain characters. */
function safeDecode(target: string): string {
  try {
    return decodeURI(target);
  } catch {
    return target;
  }
}

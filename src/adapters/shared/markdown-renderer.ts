import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown from the meta repository (bios, descriptions, results) becomes HTML once per read.
 * Elekto passed raw HTML straight to the page (`|safe`), so a candidate pull request could run
 * script on voters' sessions. Raw HTML is still allowed in Markdown, then everything goes through
 * an allow-list: no script/style/iframe/form, no event handlers, links only to http(s)/mailto,
 * images only from https. Comments are dropped. Harmless structure (<details>, tables) stays.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'), 'img', 'details', 'summary', 'del', 's', 'ins', 'sup', 'sub', 'input'],
  allowedAttributes: {
    a: ['href', 'title', 'name', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['align', 'colspan', 'rowspan', 'style'],
    td: ['align', 'colspan', 'rowspan', 'style'],
    ol: ['start'],
    details: ['open'],
    code: ['class'],
    input: ['type', 'checked', 'disabled'],
  },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedClasses: { code: [/^language-[\w-]+$/] },
  disallowedTagsMode: 'discard',
  exclusiveFilter: (frame) => frame.tag === 'input' && frame.attribs.type !== 'checkbox',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
  },
};

/** Links: web, mail, in-page and relative. Images: https and relative. Everything else is refused. */
const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[^:/?#]*([/?#]|$))/i;
const ABSOLUTE_URL = /^(https?:\/\/|mailto:)/i;
const SAFE_IMAGE = /^(https:|\/(?!\/)|\.{0,2}\/|[^:/?#]*([/?#]|$))/i;
const COMMENT_ONLY = /^\s*<!--[\s\S]*?-->\s*$/;

export interface MarkdownOptions {
  /** Raw HTML inside the Markdown, allow-listed. Off: it is shown as the text it is. */
  readonly rawHtml: boolean;
  /** Off: an image is replaced by its alt text (nothing is fetched when the page opens). */
  readonly images: boolean;
  /** Off: links only to http(s) and mailto addresses, never to a page of this site. */
  readonly relativeLinks: boolean;
  /** On: a single newline is a line break, as in the textarea it was typed in (one link per line). */
  readonly lineBreaks: boolean;
}

/** Text typed into a form by any signed-in user (an exception request): Markdown, no HTML, no images. */
export const USER_TEXT: MarkdownOptions = { rawHtml: false, images: false, relativeLinks: false, lineBreaks: true };

export class MarkdownRenderer {
  private static meta: MarkdownRenderer | null = null;

  /**
   * The meta repository's renderer, one per process: with many organizations each reader had its
   * own markdown-it instance and its own cache of every text it had rendered.
   */
  static shared(): MarkdownRenderer {
    MarkdownRenderer.meta ??= new MarkdownRenderer();
    return MarkdownRenderer.meta;
  }

  private readonly md: ReturnType<typeof MarkdownIt>;

  /** The default is for the meta repository, whose texts are reviewed in pull requests. */
  constructor(options: MarkdownOptions = { rawHtml: true, images: true, relativeLinks: true, lineBreaks: false }) {
    this.md = new MarkdownIt({ html: options.rawHtml, breaks: options.lineBreaks, linkify: true, typographer: false, xhtmlOut: true });
    this.md.validateLink = (url) => (options.relativeLinks ? SAFE_URL : ABSOLUTE_URL).test(url.trim());
    const rules = this.md.renderer.rules;
    const image = rules.image!;
    const escape = this.md.utils.escapeHtml;
    rules.image = (tokens, idx, opts, env, self) =>
      !options.images
        ? escape(self.renderInlineAsText(tokens[idx]!.children ?? [], opts, env))
        : SAFE_IMAGE.test(String(tokens[idx]!.attrGet('src') ?? ''))
          ? image(tokens, idx, opts, env, self)
          : '';
    rules.link_open = (tokens, idx, options, _env, self) => {
      tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
      return self.renderToken(tokens, idx, options);
    };
  }

  /**
   * markdown-it escapes all text and attributes itself and vets every URL (validateLink above), so
   * output built only from Markdown is safe as is. Raw HTML is the danger: comments are dropped, and
   * any other raw HTML sends the whole output through the sanitize-html allow-list.
   */
  render(markdown: string): string {
    const key = createHash('sha256').update(markdown).digest('base64');
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const html = this.renderUncached(markdown);
    this.remember(key, html);
    return html;
  }

  /**
   * Re-syncs mostly see the same texts: keep rendered HTML, bounded by total characters. Keyed by a
   * digest, not by the text: the Markdown itself is not kept (the catalog holds only the HTML).
   */
  private readonly cache = new Map<string, string>();
  private cachedChars = 0;
  private static readonly MAX_CACHED_CHARS = 64 * 1024 * 1024;

  private remember(key: string, html: string): void {
    this.cache.set(key, html);
    this.cachedChars += key.length + html.length;
    for (const [k, value] of this.cache) {
      if (this.cachedChars <= MarkdownRenderer.MAX_CACHED_CHARS) break;
      this.cache.delete(k);
      this.cachedChars -= k.length + value.length;
    }
  }

  private renderUncached(markdown: string): string {
    const env = {};
    const tokens = this.md.parse(markdown, env);
    let rawHtml = false;
    const keep = (t: { type: string; content: string }) => {
      if (t.type !== 'html_block' && t.type !== 'html_inline') return true;
      if (COMMENT_ONLY.test(t.content)) return false;
      rawHtml = true;
      return true;
    };
    const filtered = tokens.filter(keep);
    for (const t of filtered) if (t.children) t.children = t.children.filter(keep);
    const html = this.md.renderer.render(filtered, this.md.options, env);
    return rawHtml ? sanitizeHtml(html, SANITIZE) : html;
  }
}

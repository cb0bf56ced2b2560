import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sanitizeHtml from 'sanitize-html';
import { MarkdownRenderer, USER_TEXT } from '../../../src/adapters/shared/markdown-renderer.js';
import { splitFrontMatter } from '../../../src/adapters/meta/front-matter.js';
import { fixture } from '../meta/fixture-repos.js';

const render = (md: string) => new MarkdownRenderer().render(md);

describe('Markdown rendering and sanitising', () => {
  it('renders ordinary Markdown', () => {
    expect(render('# Title\n\nSome **bold** and [a link](https://example.org).')).toBe(
      '<h1>Title</h1>\n<p>Some <strong>bold</strong> and <a href="https://example.org" rel="nofollow noopener noreferrer">a link</a>.</p>\n',
    );
  });
  it('drops script, style, iframe, form and their content', () => {
    const html = render('<script>alert(1)</script>\n\n<style>p{}</style>\n\n<iframe src="https://x"></iframe>\n\n<form><input type="text"></form>');
    expect(html).not.toMatch(/<script|<style|<iframe|<form|alert\(1\)|p\{\}/i);
  });
  it('strips event handlers', () => {
    const html = render('<img src="https://x/y.png" onerror="alert(1)"> <div onclick="alert(2)" onmouseover="x()">d</div> <svg onload="alert(3)"></svg>');
    expect(html).not.toMatch(/\son\w+=|<svg/i);
    expect(html).toContain('<img src="https://x/y.png" />');
  });
  it('never produces javascript: or data: links', () => {
    const html = render(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) <a href="jav&#x09;ascript:alert(1)">d</a> <a href="data:text/html,x">e</a> <img src="data:image/png;base64,AAA">',
    );
    expect(html).not.toMatch(/href="\s*(javascript|data):/i);
    expect(html).not.toMatch(/src="\s*data:/i);
  });
  it('keeps harmless HTML and drops comments', () => {
    const html = render('<details><summary>More</summary>Inside</details>\n\n<!-- template comment -->\n\n| a | b |\n|---|--:|\n| 1 | 2 |');
    expect(html).toContain('<details><summary>More</summary>Inside</details>');
    expect(html).not.toContain('template comment');
    expect(html).toContain('<td style="text-align:right">2</td>');
  });
  it('keeps non-ASCII text and emoji', () => {
    expect(render('Naïve café 日本語 🎉')).toBe('<p>Naïve café 日本語 🎉</p>\n');
  });

  it('refuses dangerous URLs in Markdown syntax too (links, images, autolinks)', () => {
    const html = render(
      '![x](data:image/png;base64,AAAA) ![y](http://insecure/img.png) ![z](https://ok/img.png) [v](vbscript:x) [f](file:///etc/passwd) <javascript:alert(1)> [r](../other) [m](mailto:a@b.c)',
    );
    expect(html).not.toMatch(/(href|src)="\s*(data|vbscript|file|javascript|http):/i); // refused URLs stay as inert text
    expect(html).toContain('<img src="https://ok/img.png" alt="z" />');
    expect(html).toContain('href="../other"');
    expect(html).toContain('href="mailto:a@b.c"');
  });

  it('takes the fast path (no sanitiser) only when its output is already what the sanitiser would keep', () => {
    const bodies: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.startsWith('candidate-') && name.endsWith('.md')) {
          const split = splitFrontMatter(readFileSync(full, 'utf8').replace(/\r\n/g, '\n'));
          if (split.ok) bodies.push(split.body);
        } else if (name.endsWith('_desc.md') || name === 'results.md') bodies.push(readFileSync(full, 'utf8'));
      }
    };
    walk(fixture('elekto-meta-test'));
    walk(fixture('real-world'));
    expect(bodies.length).toBeGreaterThan(15);
    const allow = {
      allowedTags: false as const,
      allowedAttributes: false as const,
      allowedSchemes: ['http', 'https', 'mailto'],
      allowedSchemesByTag: { img: ['https'] },
    };
    for (const body of bodies) {
      const html = render(body);
      expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
      // Re-sanitising changes nothing but serialisation details: no tag or attribute is removed.
      const tags = (h: string) => (h.match(/<[a-z][a-z0-9]*/g) ?? []).join(' ');
      expect(tags(sanitizeHtml(html, allow))).toBe(tags(html));
    }
  });
});

describe('Markdown typed by a user (USER_TEXT): no raw HTML, no images, only absolute links', () => {
  const user = (md: string) => new MarkdownRenderer(USER_TEXT).render(md);

  it('renders Markdown, links with rel=nofollow noopener, bare URLs as links', () => {
    expect(user('Reviewed **40** PRs: [list](https://github.com/o/r/pulls?q=x) and https://example.org/talk')).toBe(
      '<p>Reviewed <strong>40</strong> PRs: <a href="https://github.com/o/r/pulls?q=x" rel="nofollow noopener noreferrer">list</a> and <a href="https://example.org/talk" rel="nofollow noopener noreferrer">https://example.org/talk</a></p>\n',
    );
  });

  it('keeps the lines as typed in the textarea (one contribution per line)', () => {
    expect(user('PR https://github.com/o/r/pull/1\nTalk at KubeCon')).toBe(
      '<p>PR <a href="https://github.com/o/r/pull/1" rel="nofollow noopener noreferrer">https://github.com/o/r/pull/1</a><br />\nTalk at KubeCon</p>\n',
    );
  });

  it('shows raw HTML as text and never makes an element, attribute or URL of it', () => {
    const html = user('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> <a href="javascript:alert(3)">a</a> <iframe src="frame.html"></iframe>');
    expect(html).not.toMatch(/<(script|img|a|iframe)\b/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses javascript:, data: and relative links, and replaces images by their alt text', () => {
    const html = user(
      '[a](javascript:alert(1)) [b](data:text/html,x) [c](/app/logout) [d](../admin) ![pixel](https://tracker.example/p.png) <javascript:alert(4)>',
    );
    expect(html).not.toMatch(/<a |<img/i);
    expect(html).toContain('pixel');
    expect(html).not.toContain('tracker.example');
  });
});

/**
 * A small cookie-keeping HTTP client over fetch for the HTTP tests: redirects are not followed, so
 * tests see every status and Location; forms are posted with the page's CSRF token.
 */
export class TestClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
    const h: Record<string, string> = { accept: 'text/html', ...headers };
    if (this.cookies.size > 0) h['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined;
    if (body !== undefined) {
      h['content-type'] = 'application/x-www-form-urlencoded';
      payload = (body instanceof URLSearchParams ? body : new URLSearchParams(body)).toString();
    }
    const res = await fetch(new URL(path, this.baseUrl), { method, headers: h, body: payload, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, headers?: Record<string, string>): Promise<Response> {
    return this.request('GET', path, undefined, headers);
  }

  /** GETs `formPage`, takes its CSRF token, then POSTs `fields` to `action`. */
  async submit(formPage: string, action: string, fields: Record<string, string> | Array<[string, string]> = {}): Promise<Response> {
    const page = await this.get(formPage);
    const token = csrfTokenIn(await page.text());
    const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
    body.set('_csrf', token);
    return this.request('POST', action, body);
  }

  post(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request('POST', path, fields);
  }

  cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  rawCookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Signs in through the development sign-in form. */
  async signInAs(login: string, name = ''): Promise<Response> {
    return this.submit('/login', '/oauth/development/login', { login, name });
  }
}

export function csrfTokenIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('No CSRF token on the page.');
  return m[1];
}

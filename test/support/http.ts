// A tiny HTTP client with a cookie jar, for testing routes as a script or a hostile site would call them.
export class HttpClient {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()),
      );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    path: string,
    init: RequestInit & { form?: Record<string, string | string[]> } = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    let body = init.body;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form))
        for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      body = params;
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
    const res = await fetch(new URL(path, this.baseUrl), {
      ...init,
      method: init.method ?? (init.form ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }

  get(path: string, init: RequestInit = {}) {
    return this.request(path, init);
  }

  post(path: string, form: Record<string, string | string[]>, init: RequestInit = {}) {
    return this.request(path, { ...init, method: "POST", form });
  }

  async signIn(email: string, password = "demo12345"): Promise<Response> {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`Sign-in as ${email} failed with ${res.status}`);
    return res;
  }

  /** The session id the signed session cookie carries (Remix signs base64 JSON), to check it never leaks. */
  sessionId(): string | null {
    const entry = [...this.cookies].find(([k]) => k.endsWith("snc_session"));
    if (!entry) return null;
    const [data] = decodeURIComponent(entry[1]).split(".");
    return JSON.parse(Buffer.from(data, "base64").toString("utf8")) as string;
  }

  hasSession(): boolean {
    return [...this.cookies.keys()].some((k) => k.endsWith("snc_session"));
  }
}

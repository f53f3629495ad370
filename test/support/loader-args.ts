// What a route's loader receives when a signed-in reader opens a page: a GET of the path with their session cookie,
// the route's params and the load context the server gives every request. For tests that call loaders directly.
export const testLoadContext = { requestId: "test", cspNonce: "" };

export function loaderArgs(path: string, cookie: string, params: Record<string, string> = {}) {
  return {
    request: new Request(`http://test.local${path}`, { headers: { Cookie: cookie } }),
    params,
    context: testLoadContext,
  };
}

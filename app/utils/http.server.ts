// Responses every route uses for the errors a user cannot fix.
export function forbidden(message = "Forbidden"): never {
  throw new Response(message, { status: 403 });
}

/** Also used for rows outside the user's scope, so their existence does not leak. */
export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404 });
}

export function badRequest(message = "Bad request"): never {
  throw new Response(message, { status: 400 });
}

export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) throw new Response(message, init);
}

const sameOrigin = "http://same-origin.invalid";

/**
 * Only a path on this site, so a crafted ?redirectTo= cannot send users elsewhere: no scheme, no `//host`, no
 * backslash (browsers read `/\host` as `//host`) and no control character or space (browsers drop tabs and line
 * breaks, so `/\t/host` would become `//host`).
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u0020\u007F\\]/.test(to)) return fallback;
  try {
    const url = new URL(to, sameOrigin);
    if (url.origin !== sameOrigin) return fallback;
    const path = url.pathname + url.search + url.hash;
    // why: dot segments collapse after the checks above ("/.//evil.example" → "//evil.example"), and a Location
    // of "//host" is another site to the browser.
    return path.startsWith("//") ? fallback : path;
  } catch {
    return fallback;
  }
}

/** The client address as the server entry resolved it (trusting only configured proxies); null when unknown. */
export function clientIp(request: Request): string | null {
  const ip = request.headers
    .get("x-client-ip")
    ?.replace(/^::ffff:/, "")
    .trim();
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}

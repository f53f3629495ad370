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

/** Only same-site relative paths, so a crafted ?redirectTo= cannot send users elsewhere. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  return to;
}

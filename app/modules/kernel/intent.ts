// The intent of a multi-intent form post: one of the route's, or a 400 before any field is read.
export function intentOf<const T extends string>(formData: FormData, intents: readonly T[]): T {
  const intent = formData.get("intent");
  if (typeof intent === "string" && (intents as readonly string[]).includes(intent)) return intent as T;
  throw new Response("Unknown action", { status: 400 });
}

// The intents of a multi-intent route. The route exports them (`export const intents = …`): its action reads the
// post's intent from that list, and the form matrix (test/security/form-matrix.test.ts) finds every intent of every
// route in the built app and posts a valid form for each.

/**
 * A route's intents, checked both ways against `U` (the `intent` of its schema's discriminated union): a value
 * outside the union does not compile, nor does a list that leaves one out.
 */
export function intentList<U extends string>() {
  return <const T extends readonly U[]>(
    list: T & ([Exclude<U, T[number]>] extends [never] ? unknown : { missingIntents: Exclude<U, T[number]> }),
  ): T => list;
}

/**
 * The intent of a form post (its FormData, or the fields of a streamed upload): one of the route's, or a 400 before
 * any field is read. `fallback` names the page's form that predates intents and sends none; only a missing intent
 * falls back, an unknown one is refused.
 */
export function intentOf<const T extends string>(
  form: { get(name: string): unknown },
  intents: readonly T[],
  fallback?: NoInfer<T>,
): T {
  const intent = form.get("intent");
  if (intent == null && fallback !== undefined) return fallback;
  if (typeof intent === "string" && (intents as readonly string[]).includes(intent)) return intent as T;
  throw new Response("Unknown action", { status: 400 });
}

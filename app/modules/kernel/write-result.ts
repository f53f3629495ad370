// What a module write returns to its route: the id, or errors the user can fix (i18n keys, by field or for the form).
export type WriteResult =
  | { ok: true; id: number }
  | { ok: false; formErrors?: string[]; fieldErrors?: Record<string, string[]> };

export const fieldError = (field: string, message: string): WriteResult => ({
  ok: false,
  fieldErrors: { [field]: [message] },
});

export const formError = (message: string): WriteResult => ({ ok: false, formErrors: [message] });

/** An i18n key with parameters, as the form fields expect: "ns:key|{json}". */
export const withParams = (key: string, params: Record<string, unknown>) =>
  `${key}|${JSON.stringify(params)}`;

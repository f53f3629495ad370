// A server-checked form (server-form.ts) that also checks in the browser once its schema has loaded, as Conform's
// useForm did with `shouldValidate: "onBlur"` and `shouldRevalidate: "onInput"`: a field is checked when it loses
// focus and again on each input after that; a post is checked whole, and held back with every message shown and the
// first invalid field focused. Without Conform (~9 KiB Brotli), so the activity form fits a weak link (issue 13).
import { type FormEvent, useState } from "react";
import type { Message } from "./messages";
import {
  type Errors,
  type FormControl,
  type ServerFormMeta,
  serverFormProps,
  useServerForm,
} from "./server-form";
import type { FormResult } from "./use-form";

/** What the form's parser answers (parseForm's submission): errors by field name, "" for the whole form. */
export type Check = (formData: FormData) => { status?: string; error?: Errors | null };

export type CheckedFormMeta = Omit<ServerFormMeta, "allErrors"> & {
  allErrors: Record<string, Message[] | undefined>;
  onBlur: (event: FormEvent<HTMLFormElement>) => void;
  onInput: (event: FormEvent<HTMLFormElement>) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
};

/** The browser's last check: the fields checked so far, and what it found (shown until the server answers again). */
type Checked = { result: FormResult | null | undefined; names: Set<string>; whole: boolean; errors: Errors };

const nameOf = (target: EventTarget) => (target as { name?: unknown }).name;

export function useCheckedForm<Shape extends Record<string, unknown>>({
  validate,
  ...options
}: {
  id: string;
  lastResult?: FormResult | null;
  defaultValue?: Partial<Shape>;
  /** The client check, or null until it has loaded (the server alone checks until then). */
  validate: Check | null;
}): [CheckedFormMeta, Record<keyof Shape & string, FormControl>] {
  const [server, serverFields] = useServerForm<Shape>(options);
  const [checked, setChecked] = useState<Checked | null>(null);
  // A newer answer of the server replaces what the browser found, as Conform reads `lastResult`.
  const client = checked?.result === options.lastResult ? checked : null;

  /** Checks the form and shows what it found for `name` (null: every field); answers the errors. */
  const check = (form: HTMLFormElement, name: string | null): Errors => {
    if (!validate) return {};
    const submission = validate(new FormData(form));
    const errors = (submission.status === "success" ? null : submission.error) ?? {};
    const names = new Set(checked?.names);
    if (name === null) {
      for (const element of form.elements) if (nameOf(element)) names.add(String(nameOf(element)));
      for (const key of Object.keys(errors)) if (key) names.add(key);
    } else names.add(name);
    setChecked({ result: options.lastResult, names, whole: name === null || !!client?.whole, errors });
    return errors;
  };

  const errorsOf = (name: string): Message[] | undefined => {
    if (client && (name === "" ? client.whole : client.names.has(name))) {
      const list = client.errors[name];
      return list?.length ? list : undefined;
    }
    return name === "" ? server.errors : (server.allErrors[name] ?? undefined);
  };
  const allErrors: CheckedFormMeta["allErrors"] = {};
  for (const name of new Set([...Object.keys(server.allErrors), ...Object.keys(client?.errors ?? {})]))
    allErrors[name] = errorsOf(name);

  const fields = new Proxy({} as Record<keyof Shape & string, FormControl>, {
    get: (_, name) =>
      typeof name === "string" ? { ...serverFields[name], errors: errorsOf(name) } : undefined,
  });
  const meta: CheckedFormMeta = {
    ...server,
    errors: errorsOf(""),
    allErrors,
    onBlur: (event) => {
      const name = nameOf(event.target);
      if (typeof name === "string" && name) check(event.currentTarget, name);
    },
    onInput: (event) => {
      const name = nameOf(event.target);
      // A field checked before, or one the server refused, is checked again as it is typed in.
      if (typeof name === "string" && (checked?.names.has(name) || server.allErrors[name]))
        check(event.currentTarget, name);
    },
    onSubmit: (event) => {
      const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
      if (submitter?.formNoValidate) return;
      const form = event.currentTarget;
      const invalid = check(form, null);
      if (Object.values(invalid).every((list) => !list?.length)) return;
      event.preventDefault();
      for (const element of form.elements) {
        const name = nameOf(element);
        if (typeof name === "string" && invalid[name]?.length && element instanceof HTMLElement) {
          element.focus();
          break;
        }
      }
    },
  };
  return [meta, fields];
}

/** The `<form>` attributes of a checked form: those of a server-checked one and its check handlers. */
export function checkedFormProps(form: CheckedFormMeta) {
  return { ...serverFormProps(form), onBlur: form.onBlur, onInput: form.onInput, onSubmit: form.onSubmit };
}

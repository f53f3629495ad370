// A form checked by the server alone: the field ids, defaults and the server's messages (`lastResult`) that Conform's
// useForm gives, without Conform (~9 KiB Brotli) in the first download of the field pages on a weak link (issue 13).
// For forms that post without JavaScript and only show what the action answered; a field page's form that also checks
// in the browser adds checked-form.ts, other forms with client checks keep useMessageForm (use-form.ts). Same ids (`<form>-<name>`, `…-error`), same reading of `lastResult`: the first
// result's values are the defaults, a later error result focuses its first invalid field, a reset reply
// (`reply({ resetForm: true })`) puts the form back to its defaults.
import { useEffect, useRef, useState } from "react";
import type { Message } from "./messages";
import type { FormResult } from "./use-form";

/** What a field component needs of a field (the subset of Conform's FieldMetadata that form-fields.tsx reads). */
export type FormControl = {
  id: string;
  name: string;
  formId: string;
  errorId: string;
  descriptionId: string;
  initialValue: unknown;
  errors: Message[] | undefined;
};

export type ServerFormMeta = {
  id: string;
  errorId: string;
  errors: Message[] | undefined;
  /** Every field's messages by name, for a summary at the top (Conform's `allErrors`). */
  allErrors: Errors;
};

type Values = Record<string, unknown>;
export type Errors = Record<string, Message[] | null | undefined>;

/** Conform's serialisation of defaults: what an input's value would be. */
function serialize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "on" : undefined;
  return value ?? undefined;
}

function serializeAll(values: Values | undefined): Values {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, serialize(v)]));
}

/** The form's id and the whole-form errors, and each field's metadata by name. */
export function useServerForm<Shape extends Values>({
  id,
  lastResult,
  defaultValue,
}: {
  id: string;
  lastResult?: FormResult | null;
  defaultValue?: Partial<Shape>;
}): [ServerFormMeta, Record<keyof Shape & string, FormControl>] {
  const [state, setState] = useState(() => ({
    result: lastResult,
    initial: (lastResult?.initialValue as Values | undefined) ?? serializeAll(defaultValue),
    errors: (lastResult?.error ?? {}) as Errors,
    resets: 0,
  }));
  const focusPending = useRef(false);
  // why: as Conform does, a new result is read during render (not in an effect), so its messages show at once.
  if (lastResult && lastResult !== state.result) {
    if (lastResult.initialValue === null) {
      setState({
        result: lastResult,
        initial: serializeAll(defaultValue),
        errors: {},
        resets: state.resets + 1,
      });
    } else {
      const errors: Errors = {};
      for (const [name, next] of Object.entries((lastResult.error ?? {}) as Errors)) {
        const kept = next === null ? state.errors[name] : next;
        if (kept) errors[name] = kept;
      }
      focusPending.current = lastResult.status === "error";
      setState({ ...state, result: lastResult, errors });
    }
  }

  useEffect(() => {
    const form = document.getElementById(id);
    if (!(form instanceof HTMLFormElement)) return;
    if (state.resets) form.reset();
  }, [id, state.resets]);

  useEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const form = document.getElementById(id);
    if (!(form instanceof HTMLFormElement)) return;
    for (const element of form.elements) {
      const name = (element as HTMLInputElement).name;
      if (name && state.errors[name] && element instanceof HTMLElement) {
        element.focus();
        break;
      }
    }
  }, [id, state.errors]);

  const control = (name: string): FormControl => ({
    id: `${id}-${name}`,
    name,
    formId: id,
    errorId: `${id}-${name}-error`,
    descriptionId: `${id}-${name}-description`,
    initialValue: state.initial[name],
    errors: state.errors[name] ?? undefined,
  });
  const fields = new Proxy({} as Record<keyof Shape & string, FormControl>, {
    get: (_, name) => (typeof name === "string" ? control(name) : undefined),
  });
  return [
    { id, errorId: `${id}-error`, errors: state.errors[""] ?? undefined, allErrors: state.errors },
    fields,
  ];
}

/** The `<form>` attributes Conform's getFormProps gives a form without client checks. */
export function serverFormProps(form: ServerFormMeta) {
  return {
    id: form.id,
    // why: as with Conform, the browser's own checks never block a post: the server's messages are the ones shown.
    noValidate: true,
    ...(form.errors !== undefined ? { "aria-describedby": form.errorId } : {}),
  };
}

// Conform's useForm with errors as messages (i18n keys with their values), as parseForm makes them.
import { type SubmissionResult, useForm } from "@conform-to/react";
import type { Message } from "./messages";

/** What an action answers a form with, for `lastResult`. */
export type FormResult = SubmissionResult<Message[]>;

// biome-ignore lint/suspicious/noExplicitAny: the same bound Conform puts on a form's shape
export function useMessageForm<Shape extends Record<string, any>>(
  options: Parameters<typeof useForm<Shape, Shape, Message[]>>[0],
) {
  return useForm<Shape, Shape, Message[]>(options);
}

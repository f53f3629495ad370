// Structured one-line JSON logs with a request id, so an error a user reports can be found.
import { maskIdNumbersIn } from "~/utils/id-number-mask";
import { env } from "./env.server";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function serializeError(err: unknown) {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return err;
}

function write(level: Level, fields: Record<string, unknown>, message: string) {
  let threshold: Level = "info";
  try {
    threshold = env().LOG_LEVEL;
  } catch {}
  if (order[level] < order[threshold]) return;
  // why: a URL's query or an error's message may carry an ID number a user typed; logs are kept and shipped.
  const line = maskIdNumbersIn(
    JSON.stringify({
      time: new Date().toISOString(),
      level,
      msg: message,
      ...fields,
      ...(fields.err ? { err: serializeError(fields.err) } : {}),
    }),
  );
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const logger = {
  debug: (fields: Record<string, unknown>, message: string) => write("debug", fields, message),
  info: (fields: Record<string, unknown>, message: string) => write("info", fields, message),
  warn: (fields: Record<string, unknown>, message: string) => write("warn", fields, message),
  error: (fields: Record<string, unknown>, message: string) => write("error", fields, message),
};

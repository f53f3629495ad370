// Reading list filters from the URL safely: anything unexpected is ignored rather than trusted.
import { isDbIdText } from "~/utils/ids";

export function enumParam<T extends string>(
  search: URLSearchParams,
  name: string,
  values: readonly T[],
): T | undefined {
  const v = search.get(name);
  return v && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

export function textParam(search: URLSearchParams, name: string, max = 100): string | undefined {
  const v = search.get(name)?.trim();
  return v ? v.slice(0, max) : undefined;
}

export function idParam(search: URLSearchParams, name: string): number | undefined {
  const v = search.get(name);
  return isDbIdText(v) ? Number(v) : undefined;
}

export function yearParam(search: URLSearchParams, name = "year"): number | undefined {
  const v = Number(search.get(name));
  return Number.isInteger(v) && v >= 2000 && v <= 2100 ? v : undefined;
}

export { routeId } from "~/utils/ids";

/** A LIKE pattern that matches the text literally anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

// Formatting at the edge: money arrives as integer fen, dates as ISO strings or Date instants.
import { TZDate } from "@date-fns/tz";
import { format as formatDateFns } from "date-fns";
import { TIME_ZONE } from "./dates";

type Locale = string;

function numberLocale(locale: Locale): string {
  return locale === "en" ? "en-US" : "zh-CN";
}

// why: toLocaleString with options builds a new Intl.NumberFormat on every call (tens of µs); lists format hundreds.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, minimumFractionDigits: number, maximumFractionDigits: number) {
  const key = `${numberLocale(locale)}|${minimumFractionDigits}|${maximumFractionDigits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(locale), { minimumFractionDigits, maximumFractionDigits });
    formatters.set(key, f);
  }
  return f;
}

/** 1,123,200.00 元 style; yuan with two decimals. */
export function formatYuan(fen: number | null | undefined, locale: Locale = "zh-CN"): string {
  if (fen == null) return "—";
  const yuan = fen / 100;
  if (locale === "en") return `${yuan < 0 ? "−" : ""}¥${numberFormat(locale, 2, 2).format(Math.abs(yuan))}`;
  return `${numberFormat(locale, 2, 2).format(yuan)} 元`;
}

/** 万元 with up to four decimals, the way budgets are read: 112.32 万元. */
export function formatWan(fen: number | null | undefined, locale: Locale = "zh-CN"): string {
  if (fen == null) return "—";
  const wan = fen / 100 / 10000;
  const text = numberFormat(locale, 2, 4).format(wan);
  return locale === "en" ? `¥${text} × 10k` : `${text} 万元`;
}

/** Parses a yuan amount typed by a person ("1,234.5", "1234.50") into integer fen; null when not a valid amount. */
export function parseYuanToFen(input: string): number | null {
  const cleaned = input.replace(/[,\s，]/g, "");
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function formatNumber(value: number | null | undefined, locale: Locale = "zh-CN", digits = 0): string {
  if (value == null || Number.isNaN(value)) return "—";
  return numberFormat(locale, digits, digits).format(value);
}

export function formatPercent(
  ratio: number | null | undefined,
  locale: Locale = "zh-CN",
  digits = 1,
): string {
  if (ratio == null || !Number.isFinite(ratio)) return "—";
  return `${numberFormat(locale, digits, digits).format(ratio * 100)}%`;
}

/** A calendar date ('YYYY-MM-DD') for display: 2023年4月10日 / 2023-04-10. */
export function formatDate(date: string | null | undefined, locale: Locale = "zh-CN"): string {
  if (!date) return "—";
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  return locale === "en" ? date.slice(0, 10) : `${y}年${m}月${d}日`;
}

/** An instant shown in Shanghai time. */
export function formatDateTime(instant: Date | string | null | undefined, locale: Locale = "zh-CN"): string {
  if (!instant) return "—";
  const local = new TZDate(new Date(instant), TIME_ZONE);
  return formatDateFns(local, locale === "en" ? "yyyy-MM-dd HH:mm" : "yyyy年M月d日 HH:mm");
}

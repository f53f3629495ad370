// Formatting at the edge: money arrives as integer fen, dates as ISO strings or Date instants.
// Tibetan (bo) is formatted by our own rules, not by the browser's CLDR data, which many engines lack for bo:
// Western digits with comma grouping, ISO dates, Tibetan month words; the choices are in docs/glossary-bo.md.
import { clockTimeOf, isoDateOf, shanghaiWallClock } from "./dates";

type Locale = string;

function numberLocale(locale: Locale): string {
  // why: bo digits and grouping are Western ("1,234.5") on purpose, identical in every engine (see the glossary).
  return locale === "en" || locale === "bo" ? "en-US" : "zh-CN";
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

/** 1,123,200.00 元 style; yuan with two decimals (¥1,123,200.00 in English and Tibetan). */
export function formatYuan(fen: number | null | undefined, locale: Locale = "zh-CN"): string {
  if (fen == null) return "—";
  const yuan = fen / 100;
  if (locale === "en" || locale === "bo")
    return `${yuan < 0 ? "−" : ""}¥${numberFormat(locale, 2, 2).format(Math.abs(yuan))}`;
  return `${numberFormat(locale, 2, 2).format(yuan)} 元`;
}

/**
 * 万元 with exactly two decimals, as budgets are printed: 196.87 万元 / ¥196.87 × 10k / སྒོར་ཁྲི་ 196.87. The exact
 * amount is formatYuan (shown on hover by kernel/money.tsx; exports carry it as a number in yuan).
 */
export function formatWan(fen: number | null | undefined, locale: Locale = "zh-CN"): string {
  if (fen == null) return "—";
  const wan = fen / 100 / 10000;
  const text = numberFormat(locale, 2, 2).format(wan);
  // why: Tibetan puts the unit before the figure (སྒོར་ཁྲི་ = yuan × 10,000), as budgets in Tibetan are printed.
  if (locale === "bo") return `སྒོར་ཁྲི་ ${text}`;
  return locale === "en" ? `¥${text} × 10k` : `${text} 万元`;
}

/**
 * Money for a spreadsheet cell: yuan as a number to the fen (1968677.05), so exports keep the exact amount and sum
 * correctly; the cell's number format shows two decimals.
 */
export function yuanAmount(fen: number | null | undefined): number | null {
  return fen == null ? null : Math.round(fen) / 100;
}

/** The unit a chart axis appends to figures in 万元: "万" in Chinese; none where the title names the unit. */
export function wanAxisUnit(locale: Locale): string {
  return locale === "en" || locale === "bo" ? "" : "万";
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

/** A calendar date ('YYYY-MM-DD') for display: 2023年4月10日 / 2023-04-10 (English and Tibetan). */
export function formatDate(date: string | null | undefined, locale: Locale = "zh-CN"): string {
  if (!date) return "—";
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  return locale === "en" || locale === "bo" ? date.slice(0, 10) : `${y}年${m}月${d}日`;
}

/** An instant shown in Shanghai time: 2023年4月10日 14:30 / 2023-04-10 14:30. */
export function formatDateTime(instant: Date | string | null | undefined, locale: Locale = "zh-CN"): string {
  if (!instant) return "—";
  const local = shanghaiWallClock(new Date(instant));
  return locale === "en" || locale === "bo"
    ? `${isoDateOf(local)} ${clockTimeOf(local)}`
    : `${local.year}年${local.month}月${local.day}日 ${clockTimeOf(local)}`;
}

/** A month heading: 2023年4月 / 2023-04 / 2023 ལོའི་ཟླ་ 4 པ། ("the 4th month of 2023"). */
export function formatMonth(year: number, month: number, locale: Locale = "zh-CN"): string {
  if (locale === "en") return `${year}-${String(month).padStart(2, "0")}`;
  if (locale === "bo") return `${year} ལོའི་ཟླ་ ${month} པ།`;
  return `${year}年${month}月`;
}

/** A month without its year, for chart axes and table columns: 4月 / 4 / ཟླ་ 4. */
export function formatMonthShort(month: number, locale: Locale = "zh-CN"): string {
  if (locale === "en") return String(month);
  if (locale === "bo") return `ཟླ་ ${month}`;
  return `${month}月`;
}

/** The planetary weekday names, Sunday first, as Tibetan calendars print them (short forms). */
const tibetanWeekdays = ["ཉི་མ།", "ཟླ་བ།", "མིག་དམར།", "ལྷག་པ།", "ཕུར་བུ།", "པ་སངས།", "སྤེན་པ།"];
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** A date's short weekday: 周一 / Mon / ཟླ་བ། ('YYYY-MM-DD', no time zone involved). */
export function formatWeekdayShort(date: string, locale: Locale = "zh-CN"): string {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  if (locale === "bo") return tibetanWeekdays[day.getUTCDay()];
  const intlLocale = locale === "en" ? "en-US" : "zh-CN";
  let f = weekdayFormats.get(intlLocale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale, { weekday: "short", timeZone: "UTC" });
    weekdayFormats.set(intlLocale, f);
  }
  return f.format(day);
}

/** Tibetan letters that take no shad after them (a clause ending in ག or ཀ stands with a space). */
const noShadAfter = /[\u0F40\u0F42]$/u;

/**
 * A list of labels for reading: 低保、孤儿 / dibao, orphan / འཚོ་བའི་…དམའ་བ། དྭ་ཕྲུག (Tibetan separates items by a shad
 * and a space; a label ending in ག or ཀ takes none, one in another script a comma). CSV exports keep 、 so they re-import.
 */
export function formatList(items: string[], locale: Locale = "zh-CN"): string {
  if (locale === "en") return items.join(", ");
  if (locale !== "bo") return items.join("、");
  return items
    .map((item, i) => {
      if (i === items.length - 1) return item;
      const bare = item.replace(/[\s\u0F0B\u0F0D]+$/u, "");
      if (!/[\u0F00-\u0FFF]$/u.test(bare)) return `${bare},`;
      return noShadAfter.test(bare) ? bare : `${bare}།`;
    })
    .join(" ");
}

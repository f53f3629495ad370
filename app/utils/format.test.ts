// Money, numbers and dates as each language reads them; Tibetan by explicit rules, the same in every engine.
import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatList,
  formatMonth,
  formatMonthShort,
  formatNumber,
  formatPercent,
  formatWan,
  formatWeekdayShort,
  formatYuan,
} from "./format";

describe("formatting in Tibetan", () => {
  it("writes numbers with Western digits and comma grouping", () => {
    expect(formatNumber(1234567, "bo")).toBe("1,234,567");
    expect(formatNumber(1234.5678, "bo", 2)).toBe("1,234.57");
    expect(formatPercent(0.864, "bo")).toBe("86.4%");
  });

  it("shows yuan with the ¥ sign and budgets in སྒོར་ཁྲི་ (10,000 yuan) before the figure", () => {
    expect(formatYuan(123_400, "bo")).toBe("¥1,234.00");
    expect(formatYuan(-50, "bo")).toBe("−¥0.50");
    expect(formatWan(1_123_200_00, "bo")).toBe("སྒོར་ཁྲི་ 112.32");
    expect(formatWan(null, "bo")).toBe("—");
  });

  it("writes dates as ISO dates and times in Shanghai time", () => {
    expect(formatDate("2023-04-10", "bo")).toBe("2023-04-10");
    expect(formatDateTime("2023-04-10T06:30:00Z", "bo")).toBe("2023-04-10 14:30");
  });

  it("names months by number the Tibetan way and weekdays by their planets", () => {
    expect(formatMonth(2023, 4, "bo")).toBe("2023 ལོའི་ཟླ་ 4 པ།");
    expect(formatMonthShort(12, "bo")).toBe("ཟླ་ 12");
    // 2026-12-07 is a Monday (གཟའ་ཟླ་བ།), 2026-12-13 a Sunday (གཟའ་ཉི་མ།).
    expect(formatWeekdayShort("2026-12-07", "bo")).toBe("ཟླ་བ།");
    expect(formatWeekdayShort("2026-12-13", "bo")).toBe("ཉི་མ།");
  });

  it("separates listed labels with a shad, none after ག, and a comma after a name in another script", () => {
    expect(formatList(["འཚོ་བའི་འགན་ལེན་ཆེས་དམའ་བ།", "དྭ་ཕྲུག", "ཁྱིམ་སྡོད་བྱིས་པ།"], "bo")).toBe(
      "འཚོ་བའི་འགན་ལེན་ཆེས་དམའ་བ། དྭ་ཕྲུག ཁྱིམ་སྡོད་བྱིས་པ།",
    );
    expect(formatList(["噶尔县", "ཉེན་ཁ་ཆེ་བ།"], "bo")).toBe("噶尔县, ཉེན་ཁ་ཆེ་བ།");
  });
});

describe("formatting in Chinese and English stays as it was", () => {
  it("keeps 元, 万元 and Chinese dates in zh-CN", () => {
    expect(formatYuan(123_400)).toBe("1,234.00 元");
    expect(formatWan(1_123_200_00)).toBe("112.32 万元");
    expect(formatDate("2023-04-10")).toBe("2023年4月10日");
    expect(formatMonth(2023, 4)).toBe("2023年4月");
    expect(formatMonthShort(4)).toBe("4月");
    expect(formatWeekdayShort("2026-12-07")).toBe("周一");
    expect(formatList(["低保", "孤儿"])).toBe("低保、孤儿");
  });

  it("shows 万元 with exactly two decimals, never the four of 196.8677 万元", () => {
    expect(formatWan(1_968_677_00)).toBe("196.87 万元");
    expect(formatWan(1_949_724_00)).toBe("194.97 万元");
    expect(formatWan(100_000_000)).toBe("100.00 万元");
    expect(formatWan(50_00)).toBe("0.01 万元");
    expect(formatWan(1_968_677_00, "en")).toBe("¥196.87 × 10k");
    expect(formatWan(1_968_677_00, "bo")).toBe("སྒོར་ཁྲི་ 196.87");
    expect(formatYuan(1_968_677_05)).toBe("1,968,677.05 元");
  });

  it("keeps ¥ and ISO dates in English", () => {
    expect(formatYuan(123_400, "en")).toBe("¥1,234.00");
    expect(formatWan(1_123_200_00, "en")).toBe("¥112.32 × 10k");
    expect(formatMonth(2023, 4, "en")).toBe("2023-04");
    expect(formatWeekdayShort("2026-12-07", "en")).toBe("Mon");
    expect(formatList(["dibao", "orphan"], "en")).toBe("dibao, orphan");
  });
});

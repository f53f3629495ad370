// The sign-off reminders read in the recipient's language, naming the contract and the month.
import { describe, expect, it } from "vitest";
import { renderReminder } from "~/modules/reminders/messages.server";
import { shanghaiInstant } from "~/utils/shanghai-instant";

const payload = {
  contractCode: "ALI-2026-SW-03",
  contractTitle: "狮泉河镇社会工作服务站运营服务",
  organizationName: "噶尔县社区服务中心",
  month: "2026-10",
  link: "/contracts/3/months?month=2026-10",
};
const now = shanghaiInstant("2026-12-07", "09:00");

describe("sign-off reminders", () => {
  it("names the contract and the month owed, in Chinese and in English", () => {
    const zh = renderReminder("signoff_due", payload, "zh-CN", now);
    expect(zh.title).toBe("月度报送未提交：ALI-2026-SW-03 2026年10月");
    expect(zh.body).toContain("噶尔县社区服务中心");
    expect(zh.link).toBe("/contracts/3/months?month=2026-10");
    const en = renderReminder("signoff_returned", payload, "en", now);
    expect(en.title).toMatch(/^Month returned: ALI-2026-SW-03 /);
    expect(en.body).not.toMatch(/\{\{/);
  });

  it("leaves no placeholder unfilled in Tibetan", () => {
    for (const kind of ["signoff_due", "signoff_returned"] as const) {
      const bo = renderReminder(kind, payload, "bo", now);
      expect(`${bo.title} ${bo.body}`).not.toMatch(/\{\{|\}\}/);
      expect(bo.title).toContain("ALI-2026-SW-03");
    }
  });
});

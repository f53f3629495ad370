// A reminder reads in its recipient's language, Tibetan included: words, visit kind and dates.
import { describe, expect, it } from "vitest";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import { renderReminder } from "./messages.server";

const payload = {
  personName: "尼*多吉",
  villageName: "拉格村",
  stationName: "百巴镇社会工作服务站",
  visitKind: "follow_up",
  dueOn: "2026-11-25",
};
const now = shanghaiInstant("2026-12-07", "09:00");

describe("reminder messages", () => {
  it("writes an overdue visit in Tibetan for a recipient who reads Tibetan, with ISO dates and days counted", () => {
    const message = renderReminder("visit_overdue", payload, "bo", now);
    expect(message.title).toBe("བཅར་འདྲིའི་དུས་ཚོད་ཡོལ་བ། 尼*多吉 (拉格村)");
    expect(message.body).toBe("བསྐྱར་འདྲི། 2026-11-25 ལ་ལེགས་གྲུབ་བྱ་དགོས་པ་ལས་ཉིན་ 12 ཡོལ་འདུག · 百巴镇社会工作服务站");
  });

  it("falls back to Chinese for a language it does not know", () => {
    const message = renderReminder("visit_overdue", payload, "fr", now);
    expect(message.title).toBe("走访已逾期：尼*多吉（拉格村）");
    expect(message.body).toContain("2026年11月25日");
  });
});

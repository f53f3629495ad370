import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password rules", () => {
  it("accepts a long memorable sentence and a Tibetan or Chinese passphrase", () => {
    expect(passwordProblem("雪山下的社工站 2026")).toBeNull();
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    expect(passwordProblem("བཀྲ་ཤིས་བདེ་ལེགས།")).toBeNull();
  });

  it("refuses short, overlong and common passwords, whatever their case", () => {
    expect(passwordProblem("short7")).toBe("tooShort");
    expect(passwordProblem("x".repeat(129))).toBe("tooLong");
    expect(passwordProblem("Password123")).toBe("common");
    expect(passwordProblem("woaini1314")).toBe("common");
    expect(passwordProblem("demo12345")).toBe("common");
  });

  it("refuses a password that contains the email's name", () => {
    expect(passwordProblem("zhuoma-2026-lhasa", { email: "zhuoma@bureau.cn" })).toBe("containsEmail");
  });

  it("counts characters, not bytes, so eight Chinese characters are enough", () => {
    expect(passwordProblem("社工站服务网络好")).toBeNull();
    expect(passwordProblem("社工站服务网络")).toBe("tooShort");
  });
});

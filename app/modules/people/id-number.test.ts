import { describe, expect, it } from "vitest";
import { maskAddress, maskPersonName, maskPhone } from "~/modules/kernel/masking";
import { maskIdNumber } from "~/utils/id-number-mask";
import {
  birthDateOfIdNumber,
  buildIdNumber,
  idNumberCheckChar,
  idNumberProblem,
  normalizeIdNumber,
  sexOfIdNumber,
} from "./id-number";
import { createPersonSchema } from "./schemas";

describe("GB 11643 ID numbers", () => {
  it("accepts numbers whose check character is right, including X", () => {
    // The standard's own example: 11010519491231002X.
    expect(idNumberProblem("11010519491231002X")).toBeNull();
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
    const built = buildIdNumber({ region6: "542523", birthDate: "2016-02-29", sequence: 12 });
    expect(idNumberProblem(built, "2025-01-01")).toBeNull();
    expect(sexOfIdNumber(built)).toBe("female");
    expect(birthDateOfIdNumber(built)).toBe("2016-02-29");
  });

  it("refuses a wrong check character, impossible or future dates, and malformed numbers", () => {
    expect(idNumberProblem("110105194912310021")).toBe("check");
    expect(idNumberProblem("540402192302290011")).toBe("birthDate"); // 1923 was not a leap year
    const feb30 = "540402200002300011";
    expect(idNumberProblem(feb30)).toBe("birthDate");
    const month13 = "540402200013010011";
    expect(idNumberProblem(month13)).toBe("birthDate");
    const future = buildIdNumber({ region6: "540402", birthDate: "2030-01-01", sequence: 1 });
    expect(idNumberProblem(future, "2025-06-01")).toBe("birthDate");
    expect(idNumberProblem("54040219491231002")).toBe("format");
    expect(idNumberProblem("5404021949123100XX")).toBe("format");
    expect(normalizeIdNumber(" 110105 19491231 002x ")).toBe("11010519491231002X");
  });

  it("checks the number against the birth date and sex typed in the form", () => {
    const id = buildIdNumber({ region6: "540402", birthDate: "1950-07-15", sequence: 913 });
    const schema = createPersonSchema("2025-01-01");
    const base = {
      fullName: "测试",
      sex: "male",
      birthDate: "1950-07-15",
      idNumber: id,
      villageId: "1",
      categories: ["dibao"],
    };
    expect(schema.safeParse(base).success).toBe(true);
    const wrongDate = schema.safeParse({ ...base, birthDate: "1950-07-16" });
    expect(wrongDate.success).toBe(false);
    expect(wrongDate.error?.issues.map((i) => i.message)).toContain(
      "peopleRegister:errors.birthDateMismatch",
    );
    const wrongSex = schema.safeParse({ ...base, sex: "female" });
    expect(wrongSex.error?.issues.map((i) => i.message)).toContain("peopleRegister:errors.sexMismatch");
  });

  it("masks numbers, phones, addresses and names for display", () => {
    expect(maskIdNumber("54250119800101123X")).toBe("5425**********123X");
    expect(maskPhone("13912345678")).toBe("139****5678");
    expect(maskAddress("百巴镇百巴村12号")).toBe("百巴镇百****");
    expect(maskPersonName("扎西")).toBe("扎*");
    expect(maskPersonName("次仁卓玛")).toBe("次**玛");
  });
});

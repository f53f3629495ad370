import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { db } from "~/utils/db.server";
import { useTestDatabase } from "../../../test/setup/database";
import {
  consumeRecoveryCode,
  newTotpSecret,
  replaceRecoveryCodes,
  sealTotpSecret,
  verifyUserTotp,
} from "./totp.server";

useTestDatabase({ template: "empty" });

let userId: number;
const secret = newTotpSecret();

beforeAll(async () => {
  const [row] = await db
    .insert(users)
    .values({
      email: "p@x.cn",
      name: "规划员",
      passwordHash: "x",
      role: "admin",
      totpSecretCipher: sealTotpSecret(secret),
      totpEnabledAt: new Date(),
    })
    .returning({ id: users.id });
  userId = row.id;
});

describe("the second factor", () => {
  it("keeps the secret encrypted at rest", async () => {
    const [row] = await db.select({ sealed: users.totpSecretCipher }).from(users).where(eq(users.id, userId));
    expect(row.sealed).not.toContain(secret);
    expect(row.sealed).toMatch(/^v1:/);
  });

  it("accepts the current code once and refuses it when replayed", async () => {
    const code = await generate({ secret });
    expect(await verifyUserTotp(userId, code)).toBe(true);
    expect(await verifyUserTotp(userId, code)).toBe(false);
  });

  it("refuses a wrong code and anything that is not six digits", async () => {
    expect(await verifyUserTotp(userId, "000000")).toBe(false);
    expect(await verifyUserTotp(userId, "12345")).toBe(false);
    expect(await verifyUserTotp(userId, "<script>")).toBe(false);
  });

  it("lets each recovery code work once, and new codes replace the old", async () => {
    const first = await replaceRecoveryCodes(userId);
    expect(first).toHaveLength(10);
    expect(await consumeRecoveryCode(userId, first[0].toUpperCase())).toBe(true);
    expect(await consumeRecoveryCode(userId, first[0])).toBe(false);
    const second = await replaceRecoveryCodes(userId);
    expect(await consumeRecoveryCode(userId, first[1])).toBe(false);
    expect(await consumeRecoveryCode(userId, second[1])).toBe(true);
  });
});

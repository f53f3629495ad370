import { generate } from "otplib";
import postgres from "postgres";
import { openTotpSecret } from "~/modules/auth/totp.server";
import { signIn } from "./bench/load/workload";
const sql = postgres(process.env.DATABASE_URL!, { max: 1 });
const [row] = await sql`select totp_secret_cipher as totp_secret from users where email = ${process.argv[3]}`;
await sql.end();
console.log(
  await signIn(process.argv[2], process.argv[3], "bench-password-2024", async () =>
    generate({ secret: openTotpSecret(row.totp_secret) }),
  ),
);

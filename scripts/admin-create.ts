// npm run admin:create -- --email you@bureau.example.cn [--name 姓名]
// Creates an administrator with a one-time password, printed once; it must be changed at first sign-in, where the
// second factor is set up too. Migrates first, so it also works on a database nobody has started the app on.
import { parseArgs } from "node:util";
import { migrateDatabase } from "#db/client";
import { createAdministrator } from "~/modules/users/bootstrap.server";
import { closeDatabase, databaseHandle } from "~/utils/db.server";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });

try {
  if (!values.email)
    throw new Error("Usage: npm run admin:create -- --email you@bureau.example.cn [--name 姓名]");
  await migrateDatabase(databaseHandle());
  const result = await createAdministrator({ email: values.email, name: values.name ?? "系统管理员" });
  if (!result.ok) throw new Error(`No account created: ${result.problem}.`);
  console.log(`Administrator ${values.email} created.`);
  console.log(`One-time password (shown only now): ${result.temporaryPassword}`);
  console.log(
    "Sign in with it: you will be asked to choose a new password and to set up two-factor sign-in.",
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}

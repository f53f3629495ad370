// A database a `bench:load --keep` or `--seed-only` run kept, for the tools that drive its dataset again (kind-cpu,
// post-statements): their arguments, and the dataset as the run seeded it — the layout is arithmetic of the sizes, the
// admin's second factor is read back from the database.
import { eq } from "drizzle-orm";
import type { Sizes } from "./config";
import type { Seeded } from "./seed";

/** `--name value` arguments, the kept database's name and URL; the app's modules will read that URL. */
export function keptRunArgs() {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dbName = arg("db");
  if (!dbName || !process.env.DATA_KEY || !process.env.SESSION_SECRET)
    throw new Error("--db <kept database> and the kept run's DATA_KEY and SESSION_SECRET are required");
  const adminUrl = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  Object.assign(process.env, { NODE_ENV: "production", DATABASE_URL: dbUrl, LOG_LEVEL: "warn" });
  return { arg, dbName, dbUrl };
}

/** The dataset seeded in the kept database (imported late: keptRunArgs sets the environment the modules read). */
export async function keptDataset(dbUrl: string, dbName: string, sizes: Sizes): Promise<Seeded> {
  const { users } = await import("#db/schema");
  const { openDatabase } = await import("#db/client");
  const { openTotpSecret } = await import("~/modules/auth/totp.server");
  const { layoutAndCodes, accounts } = await import("./seed");
  const handle = openDatabase({ url: dbUrl, max: 1 });
  const [admin] = await handle.db
    .select({ sealed: users.totpSecretCipher })
    .from(users)
    .where(eq(users.email, accounts.admin));
  await handle.close();
  if (!admin?.sealed) throw new Error(`No bench dataset in ${dbName}`);
  return { ...layoutAndCodes(sizes), counts: {}, timings: [], totpSecret: openTotpSecret(admin.sealed) };
}

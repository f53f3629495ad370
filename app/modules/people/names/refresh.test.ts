// The name keys at start (issue 16): a start whose variant table is the one the keys were made from does no work;
// a changed table recomputes only the files whose names contain a changed spelling; an unknown old table or a new
// key algorithm recomputes every file once.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { appMeta } from "#db/schema";
import { insertFiles, villagesOfStation } from "~/modules/duplicates/testing.server";
import { db, queryRows } from "~/utils/db.server";
import { useTestDatabase } from "../../../../test/setup/database";
import { sessionUserFor } from "../testing.server";
import { changedSpellings, currentSpellings, nameKeysVersion, refreshNameKeys } from "./refresh.server";

describe("which spellings a table change touches", () => {
  const table = (canonical: Record<string, string>) => ({ algorithm: 1, canonical });

  it("names the spellings added, removed or moved to another group, and no other", () => {
    const before = table({ 扎西: "扎西", 扎喜: "扎西", 卓玛: "卓玛", 索朗: "索朗", 索南: "扎西" });
    const after = table({ 扎西: "扎西", 扎喜: "扎西", 札西: "扎西", 索朗: "索朗", 索南: "索朗" });
    expect(changedSpellings(before, after)).toEqual(["卓玛", "札西", "索南"].sort());
    expect(changedSpellings(after, after)).toEqual([]);
  });

  it("cannot tell for an unknown table or another algorithm", () => {
    expect(changedSpellings(null, currentSpellings)).toBeNull();
    expect(changedSpellings({ ...currentSpellings, algorithm: 0 }, currentSpellings)).toBeNull();
  });
});

useTestDatabase({ template: "demo" });

describe("refreshing the name keys at start", () => {
  const ids = new Map<string, number>();

  beforeAll(async () => {
    const staff = await sessionUserFor("station.baiba@demo.local");
    const stationId = (staff.scope as { facilityId: number }).facilityId;
    const [villageId] = await villagesOfStation(db, stationId);
    const names = ["才仁卓嘛", "扎喜多杰", "王建国"];
    const made = await insertFiles(
      db,
      names.map((fullName, i) => ({
        fullName,
        sex: "female" as const,
        birthDate: `195${i}-03-0${i + 1}`,
        villageId,
        stationId,
      })),
    );
    names.forEach((name, i) => {
      ids.set(name, made[i]);
    });
  });

  /** The database as the app sees it, counting the statements it is sent. */
  function counted() {
    const calls: string[] = [];
    const handle = new Proxy(db, {
      get(target, property, receiver) {
        if (property === "select" || property === "execute" || property === "insert" || property === "update")
          calls.push(property);
        return Reflect.get(target, property, receiver);
      },
    });
    return { handle, calls };
  }

  const keyOf = async (name: string) =>
    (
      await queryRows<{ name_key: string }>(db, sql`select name_key from people where id = ${ids.get(name)!}`)
    )[0].name_key;
  const countWhere = async (condition: ReturnType<typeof sql>) =>
    (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people where ${condition}`))[0].n;
  const storeMeta = (key: string, value: unknown) =>
    db.execute(sql`insert into ${appMeta} (key, value) values (${key}, ${JSON.stringify(value)}::jsonb)
                   on conflict (key) do update set value = excluded.value`);

  it("first keys only the files never keyed, then a second start reads one row and does nothing else", async () => {
    await db.execute(
      sql`update people set name_key = '', name_search = '' where id = ${ids.get("才仁卓嘛")!}`,
    );
    expect(await refreshNameKeys(db)).toBe(1);
    expect(await keyOf("才仁卓嘛")).toBe("次仁卓玛");

    const { handle, calls } = counted();
    expect(await refreshNameKeys(handle)).toBe(0);
    expect(calls).toEqual(["select"]);
  });

  it("after a change of the variant table, recomputes only the files whose names hold a changed spelling", async () => {
    // As if the keys were made from a table without 卓嘛 and with 扎喜 in a group of its own.
    const { 卓嘛: _, ...older } = currentSpellings.canonical;
    await storeMeta("name_keys_table", {
      algorithm: currentSpellings.algorithm,
      canonical: { ...older, 扎喜: "扎喜" },
    });
    await storeMeta("name_keys_version", "an-older-table");
    await db.execute(sql`update people set name_key = '次仁卓嘛' where id = ${ids.get("才仁卓嘛")!}`);
    await db.execute(sql`update people set name_key = '扎喜多杰' where id = ${ids.get("扎喜多杰")!}`);
    const touched = await countWhere(sql`full_name like '%卓嘛%' or full_name like '%扎喜%'`);
    const all = await countWhere(sql`true`);
    expect(touched).toBeGreaterThanOrEqual(2);
    expect(all).toBeGreaterThan(touched * 10);

    expect(await refreshNameKeys(db)).toBe(touched);
    expect(await keyOf("才仁卓嘛")).toBe("次仁卓玛");
    expect(await keyOf("扎喜多杰")).toBe("扎西多吉");
    expect(await keyOf("王建国")).toBe("王建国");
    const [meta] = await queryRows<{ version: string }>(
      db,
      sql`select value #>> '{}' as version from app_meta where key = 'name_keys_version'`,
    );
    expect(meta.version).toBe(nameKeysVersion);
    expect(await refreshNameKeys(db)).toBe(0);
  });

  it("recomputes every file once when the old table is unknown, and when forced", async () => {
    await storeMeta("name_keys_version", "an-older-table");
    await db.execute(sql`delete from app_meta where key = 'name_keys_table'`);
    const all = await countWhere(sql`true`);
    expect(await refreshNameKeys(db)).toBe(all);
    expect(await refreshNameKeys(db)).toBe(0);
    expect(await refreshNameKeys(db, { force: true })).toBe(all);
  });

  it("takes keys made from this table by code that did not record it as current: no pass over every file", async () => {
    await storeMeta("name_keys_version", nameKeysVersion);
    await db.execute(sql`delete from app_meta where key = 'name_keys_table'`);
    expect(await refreshNameKeys(db)).toBe(0);
    const { handle, calls } = counted();
    expect(await refreshNameKeys(handle)).toBe(0);
    expect(calls).toEqual(["select"]);
  });
});

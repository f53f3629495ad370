// Group robots (群机器人) of WeCom and DingTalk, one per region or facility: reminders go to the most specific robot
// above their station. The webhook address and DingTalk's signing secret are sealed (AES-256-GCM, see
// app/utils/crypto.server.ts); only a hint of the address is stored in clear, for the settings page.
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { enumCheck, timestamps } from "./_columns";
import { facilities } from "./facilities";
import { regions } from "./regions";
import { users } from "./users";

export const robotKinds = ["wecom", "dingtalk"] as const;
export type RobotKind = (typeof robotKinds)[number];

export const groupRobots = pgTable(
  "group_robots",
  {
    id: serial().primaryKey(),
    /** A prefecture, county or township; or else a facility (a station, a centre). */
    regionId: integer().references(() => regions.id, { onDelete: "restrict" }),
    facilityId: integer().references(() => facilities.id, { onDelete: "restrict" }),
    kind: text({ enum: robotKinds }).notNull(),
    urlSealed: text().notNull(),
    /** DingTalk's "加签" secret; null for WeCom and for a DingTalk robot secured by keywords or IP instead. */
    secretSealed: text(),
    /** The host and the last characters of the key, e.g. "oapi.dingtalk.com …3f9a". */
    urlHint: text().notNull(),
    updatedBy: integer().references(() => users.id, { onDelete: "set null" }),
    /** Removed robots stay for the outbox rows sent through them and for the audit log. */
    removedAt: timestamp({ withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    enumCheck("group_robots_kind", "kind", robotKinds),
    check("group_robots_one_anchor", sql`(${t.regionId} IS NULL) <> (${t.facilityId} IS NULL)`),
    check("group_robots_secret_dingtalk", sql`${t.secretSealed} IS NULL OR ${t.kind} = 'dingtalk'`),
    // why: one robot in force per region and per facility; removed ones are history.
    uniqueIndex("group_robots_region_unique").on(t.regionId).where(sql`${t.removedAt} IS NULL`),
    uniqueIndex("group_robots_facility_unique").on(t.facilityId).where(sql`${t.removedAt} IS NULL`),
    index("group_robots_facility_idx").on(t.facilityId),
  ],
);

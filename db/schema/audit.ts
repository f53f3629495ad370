// The append-only audit log (every write, every reveal of sensitive data), and small bookkeeping tables.
import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt } from "./_columns";
import { users } from "./users";

/**
 * UPDATE and DELETE are refused by a trigger (migration 0001); each row hashes its predecessor's hash in its chain.
 * There are AUDIT_CHAINS parallel chains (docs/decisions/007): a write appends to whichever chain is free.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer().references(() => users.id, { onDelete: "set null" }),
    /** e.g. 'create', 'update', 'delete', 'reveal:id_number', 'sign_in', 'export'. */
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    changes: jsonb().$type<Record<string, unknown>>(),
    reason: text(),
    ip: text(),
    requestId: text(),
    prevHash: text(),
    hash: text(),
    /** Which chain the row belongs to; rows written before chains existed are chain 0. */
    chain: smallint().notNull().default(0),
  },
  (t) => [
    index("audit_log_chain_idx").on(t.chain, t.id),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
    index("audit_log_at_idx").on(t.at),
    // why: a person's file lists its latest views (people/file-views.server.ts); without this the list reads every
    // entry of a much-viewed file before it sorts, and views are most of the log.
    index("audit_log_person_view_idx").on(t.entityId, t.id).where(sql`${t.action} = 'person.view'`),
  ],
);

/** Key-value facts about this installation, e.g. whether it holds demo data. */
export const appMeta = pgTable("app_meta", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * Idempotency for form posts: the form carries a random key; the first post stores its result here,
 * a repeat (double click, retry after a dropped connection) gets the same result without a second write.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    key: uuid().primaryKey(),
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
    action: text().notNull(),
    result: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("form_submissions_created_idx").on(t.createdAt)],
);

// The group robots of regions and stations, as admins and planners set them on /admin/robots: a planner sets and
// removes the robots of the regions and facilities inside their own region (scope in every WHERE), the admin any.
// Saving replaces the robot in force for its place; removing hands the robot's unsent reminders to the next one up.
import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { facilities, groupRobots, regions } from "#db/schema";
import { managedRegion, regionChoices } from "~/modules/access/region-choices.server";
import { facilitiesInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { type AuditActor, recordAudit, recordAuditNow } from "~/modules/audit/audit.server";
import { fieldProblem, formProblem, message } from "~/modules/kernel/messages";
import { refuse, type Writer, write } from "~/modules/kernel/write.server";
import { refused, type WriteResult } from "~/modules/kernel/write-result";
import { type DbOrTx, db } from "~/utils/db.server";
import { postWebhook } from "./channels.server";
import {
  openRobotUrl,
  robotHostAllowed,
  robotUrlHint,
  type SealedRobot,
  sealRobotText,
} from "./robot-channel.server";
import { rerouteRobotReminders } from "./robot-routing.server";
import type { RobotRow } from "./robot-row";
import type { RobotSave } from "./robot-schemas";
import { reminderSettings } from "./settings.server";

/** Robots whose place the user manages: a region in their region, or a facility in it. */
function robotsManagedBy(user: SessionUser): SQL {
  if (user.role === "admin") return sql`true`;
  if (user.role !== "planner") return sql`false`;
  return sql`(${managedRegion(user, groupRobots.regionId)}
    or ${groupRobots.facilityId} in (select ${facilities.id} from ${facilities} where ${facilitiesInScope(user)}))`;
}

/** The robots in force that the user manages, most general place first. */
export async function listRobots(user: SessionUser): Promise<RobotRow[]> {
  const rows = await db
    .select({
      id: groupRobots.id,
      kind: groupRobots.kind,
      signed: sql<boolean>`${groupRobots.secretSealed} is not null`,
      urlHint: groupRobots.urlHint,
      regionName: regions.name,
      regionLevel: regions.level,
      regionCode: regions.code,
      facilityName: facilities.name,
      facilityTownship: sql<
        string | null
      >`(select t.code from ${regions} t where t.id = ${facilities.townshipId})`,
      updatedAt: groupRobots.updatedAt,
    })
    .from(groupRobots)
    .leftJoin(regions, eq(regions.id, groupRobots.regionId))
    .leftJoin(facilities, eq(facilities.id, groupRobots.facilityId))
    .where(and(isNull(groupRobots.removedAt), robotsManagedBy(user)));
  return rows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      signed: r.signed,
      urlHint: r.urlHint,
      place: r.regionName ?? r.facilityName ?? "",
      placeKind: (r.regionName ? "region" : "facility") as RobotRow["placeKind"],
      level: r.regionLevel,
      updatedAt: r.updatedAt,
      sortKey: `${r.regionCode ?? `${r.facilityTownship ?? ""}~`}${r.facilityName ?? ""}`,
    }))
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
    .map(({ sortKey: _, ...r }) => r);
}

/** Where the user may put a robot: their regions down to townships, and the facilities in them. */
export async function robotPlaces(user: SessionUser) {
  const [regionList, facilityList] = await Promise.all([
    regionChoices(user, ["prefecture", "county", "township"]),
    user.role === "admin" || user.role === "planner"
      ? db
          .select({ id: facilities.id, name: facilities.name, kind: facilities.kind })
          .from(facilities)
          .where(facilitiesInScope(user))
          .orderBy(asc(facilities.townshipId), asc(facilities.name))
      : Promise.resolve([]),
  ]);
  return { regions: regionList, facilities: facilityList };
}

async function placeManaged(tx: DbOrTx, user: SessionUser, target: RobotSave["target"]): Promise<boolean> {
  if (target.kind === "region") {
    const [row] = await tx
      .select({ id: regions.id })
      .from(regions)
      .where(
        and(
          eq(regions.id, target.id),
          inArray(regions.level, ["prefecture", "county", "township"]),
          managedRegion(user, regions.id),
        ),
      );
    return Boolean(row);
  }
  if (user.role !== "admin" && user.role !== "planner") return false;
  const [row] = await tx
    .select({ id: facilities.id })
    .from(facilities)
    .where(and(eq(facilities.id, target.id), facilitiesInScope(user)));
  return Boolean(row);
}

/** Sets the robot of a region or facility, replacing the one in force there. */
export async function saveRobot({
  user,
  actor,
  key,
  input,
}: Writer & { input: RobotSave }): Promise<WriteResult<{ id: number }> | null> {
  return write({ user, key, action: "robot.save" }, async (tx) => {
    if (!(await placeManaged(tx, user, input.target))) return null;
    if (!robotHostAllowed(input.url)) refuse(fieldProblem("url", "reminders:robots.hostNotAllowed"));
    if (input.secret && input.kind !== "dingtalk")
      refuse(fieldProblem("secret", "reminders:robots.secretDingTalkOnly"));
    const anchor =
      input.target.kind === "region"
        ? eq(groupRobots.regionId, input.target.id)
        : eq(groupRobots.facilityId, input.target.id);
    const [current] = await tx
      .select({ id: groupRobots.id, kind: groupRobots.kind, secretSealed: groupRobots.secretSealed })
      .from(groupRobots)
      .where(and(anchor, isNull(groupRobots.removedAt)))
      .for("update");
    // A blank secret on a DingTalk robot saved again keeps the secret stored: nobody has to retype it.
    const secretSealed =
      input.kind !== "dingtalk"
        ? null
        : input.secret
          ? sealRobotText(input.secret)
          : current?.kind === "dingtalk"
            ? current.secretSealed
            : null;
    const values = {
      kind: input.kind,
      urlSealed: sealRobotText(input.url),
      secretSealed,
      urlHint: robotUrlHint(input.url),
      updatedBy: user.id,
      updatedAt: new Date(),
    };
    const [saved] = current
      ? await tx
          .update(groupRobots)
          .set(values)
          .where(eq(groupRobots.id, current.id))
          .returning({ id: groupRobots.id })
      : await tx
          .insert(groupRobots)
          .values({
            ...values,
            ...(input.target.kind === "region"
              ? { regionId: input.target.id }
              : { facilityId: input.target.id }),
          })
          .returning({ id: groupRobots.id });
    // Never the address or the secret in the log: they are the robot's credentials.
    await recordAudit(tx, actor, {
      action: current ? "robot.update" : "robot.create",
      entityType: "group_robot",
      entityId: saved.id,
      changes: {
        place: `${input.target.kind}:${input.target.id}`,
        kind: input.kind,
        urlHint: values.urlHint,
        signed: Boolean(secretSealed),
      },
    });
    return { id: saved.id };
  });
}

async function managedRobot(tx: DbOrTx, user: SessionUser, id: number, lock: boolean) {
  const query = tx
    .select({
      id: groupRobots.id,
      kind: groupRobots.kind,
      urlSealed: groupRobots.urlSealed,
      secretSealed: groupRobots.secretSealed,
      urlHint: groupRobots.urlHint,
    })
    .from(groupRobots)
    .where(and(eq(groupRobots.id, id), isNull(groupRobots.removedAt), robotsManagedBy(user)));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Removes a robot: its place falls back to the robot above; its unsent reminders go there too. */
export async function removeRobot({
  user,
  actor,
  key,
  id,
}: Writer & { id: number }): Promise<WriteResult<{ rerouted: number }> | null> {
  return write({ user, key, action: "robot.remove" }, async (tx) => {
    const robot = await managedRobot(tx, user, id, true);
    if (!robot) return null;
    await tx
      .update(groupRobots)
      .set({ removedAt: new Date(), updatedBy: user.id })
      .where(eq(groupRobots.id, id));
    const rerouted = await rerouteRobotReminders(tx, {
      robotId: id,
      fallbackUrl: reminderSettings().webhookUrl,
    });
    await recordAudit(tx, actor, {
      action: "robot.remove",
      entityType: "group_robot",
      entityId: id,
      changes: { urlHint: robot.urlHint, rerouted },
    });
    return { rerouted };
  });
}

/** Posts a test message to a robot now (not through the outbox), and says what the robot answered. */
export async function testRobot({
  user,
  actor,
  id,
  text,
}: {
  user: SessionUser;
  actor: AuditActor;
  id: number;
  text: { title: string; body: string };
}): Promise<WriteResult<{ sent: true }> | null> {
  const robot: (SealedRobot & { urlHint: string }) | null = await managedRobot(db, user, id, false);
  if (!robot) return null;
  let failure: string | null = null;
  try {
    await postWebhook({
      url: openRobotUrl(robot),
      message: { ...text, link: null },
      idempotencyKey: `robot-test-${id}-${Date.now()}`,
    });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  await recordAuditNow(actor, {
    action: "robot.test",
    entityType: "group_robot",
    entityId: id,
    changes: { urlHint: robot.urlHint, ok: failure === null },
  });
  return failure === null
    ? { ok: true, value: { sent: true }, replayed: false }
    : refused(formProblem(message("reminders:robots.testFailed", { error: failure.slice(0, 200) })));
}

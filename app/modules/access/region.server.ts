// The one way to turn a region code from a request into a region the user may see. Reports, coverage and the map take
// only a `CheckedRegion`, which nothing but this module makes, so a region that skipped the scope check cannot reach
// them.
import { and, asc, eq, inArray } from "drizzle-orm";
import { type RegionLevel, regions } from "#db/schema";
import { regionsInScope } from "~/modules/access/scope.server";
import type { SessionUser } from "~/modules/access/types";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { type Message, messageKey } from "~/modules/kernel/messages";
import { type CodeProblem, codePrefix, normaliseRegionCode } from "~/modules/regions/codes";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

declare const checked: unique symbol;

export type CheckedRegion = {
  id: number;
  /** The 12-digit code, however the request wrote it. */
  code: string;
  name: string;
  nameBo: string | null;
  level: RegionLevel;
  /** The significant digits every region below it shares ("5425" for Ngari). */
  prefix: string;
  readonly [checked]: true;
};

export type RegionProblem = CodeProblem | "unknown" | "level";

export type RegionResolution =
  | { ok: true; region: CheckedRegion }
  | { ok: false; problem: RegionProblem; code: string; message: Message };

type RegionRow = { id: number; code: string; name: string; nameBo: string | null; level: RegionLevel };

const checkedOf = (row: RegionRow): CheckedRegion =>
  ({ ...row, prefix: codePrefix(row.code, row.level) }) as CheckedRegion;

/**
 * A region for code that acts for no user (scripts, seeds, tests on their own database): it skips the scope check,
 * so requests must never reach it.
 */
export const regionCheckedBySystem = (row: RegionRow): CheckedRegion => checkedOf(row);

const regionColumns = {
  id: regions.id,
  code: regions.code,
  name: regions.name,
  nameBo: regions.nameBo,
  level: regions.level,
};

const problemOf = (problem: RegionProblem, code: string, values: Record<string, string | number> = {}) => ({
  ok: false as const,
  problem,
  code,
  message: { key: `common:regionCode.${problem}`, values: { code, ...values } },
});

/**
 * The region a request asks for by code — 12 digits, or the 6-digit county (GB/T 2260) and 9-digit township codes
 * planners write, normalised to 12 — if it lies in the user's scope and at one of `levels`. An unknown code and one
 * outside the scope are the same answer ("unknown"), so a region's existence does not leak. With no code: the user's
 * own region when it is at one of `levels`, else the first region in scope at `fallbackLevels` (by code).
 */
export async function resolveRegion(
  user: SessionUser,
  code: string | null | undefined,
  {
    levels = ["province", "prefecture", "county"],
    fallbackLevels = levels,
  }: { levels?: readonly RegionLevel[]; fallbackLevels?: readonly RegionLevel[] } = {},
): Promise<RegionResolution | null> {
  const asked = code?.trim();
  if (asked) {
    const normalised = normaliseRegionCode(asked);
    if (!normalised.ok) return problemOf(normalised.problem, asked, { digits: asked.length });
    const [row] = await db
      .select(regionColumns)
      .from(regions)
      .where(and(eq(regions.code, normalised.code), regionsInScope(user)));
    if (!row) return problemOf("unknown", asked, { full: normalised.code });
    if (!levels.includes(row.level)) return problemOf("level", asked, { name: row.name });
    return { ok: true, region: checkedOf(row) };
  }
  if (user.scope.kind === "region") {
    const [own] = await db.select(regionColumns).from(regions).where(eq(regions.id, user.scope.regionId));
    if (own && levels.includes(own.level)) return { ok: true, region: checkedOf(own) };
  }
  const [first] = await db
    .select(regionColumns)
    .from(regions)
    .where(and(inArray(regions.level, [...fallbackLevels]), regionsInScope(user)))
    .orderBy(asc(regions.code))
    .limit(1);
  return first ? { ok: true, region: checkedOf(first) } : null;
}

/** The checked region, or null for any problem (callers that show nothing rather than an error). */
export async function checkedRegionOrNull(
  ...args: Parameters<typeof resolveRegion>
): Promise<CheckedRegion | null> {
  const resolution = await resolveRegion(...args);
  return resolution?.ok ? resolution.region : null;
}

/**
 * The checked region for a loader, or a 404 that says why in the user's language: `{ error, code, message }` (the
 * text, its i18n key for scripts, and the key with values for the page's error boundary). No region at all in scope
 * is a plain 404.
 */
export async function requireRegion(
  user: SessionUser,
  code: string | null | undefined,
  options?: Parameters<typeof resolveRegion>[2],
): Promise<CheckedRegion> {
  const resolution = await resolveRegion(user, code, options);
  if (!resolution) notFound();
  if (resolution.ok) return resolution.region;
  const t = await i18nServer.getFixedT(user.locale, "common");
  const { message } = resolution;
  const error = typeof message === "string" ? t(message) : t(message.key, message.values);
  throw Response.json(
    { error, code: messageKey(message), message },
    { status: 404, headers: { "Cache-Control": "private, no-store" } },
  );
}

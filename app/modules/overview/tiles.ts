// The home page's figures as tiles, each with the list it opens. A tile links only to a list the user may read and
// whose total is the figure (same filters, same scope; overview.test.ts holds each pair to that).
import { type Permission, roleHas } from "~/modules/access/permissions";
import type { Scope, SessionUser } from "~/modules/access/types";
import { regionLabel } from "~/modules/regions/label";
import type { HeadlineFigures } from "./queries.server";

export type HomeTile = {
  /** The label's key in home.json. */
  key: string;
  testId: string;
  value: number;
  to: string | null;
  tone: "default" | "good" | "bad";
  /** A note's key in home.json, where the figure leaves something out (e.g. children's files the role does not see). */
  note: string | null;
};

export type HomeSection = { heading: "stations" | "services" | "regions"; tiles: HomeTile[] };

type TileSpec = {
  key: string;
  value: (f: HeadlineFigures) => number | null;
  to: string;
  permission: Permission;
  tone?: (value: number) => HomeTile["tone"];
  note?: (f: HeadlineFigures) => string | null;
};

const station = (status: string) => `/facilities?kind=social_work_station&status=${status}`;

const sections: { heading: HomeSection["heading"]; tiles: TileSpec[] }[] = [
  {
    heading: "stations",
    tiles: [
      {
        key: "stationsOperating",
        value: (f) => f.stations.operating,
        to: station("operating"),
        permission: "read:facility",
        tone: () => "good",
      },
      {
        key: "stationsUnderConstruction",
        value: (f) => f.stations.underConstruction,
        to: station("under_construction"),
        permission: "read:facility",
      },
      {
        key: "stationsPlanned",
        value: (f) => f.stations.planned,
        to: station("planned"),
        permission: "read:facility",
      },
      { key: "facilitiesAll", value: (f) => f.facilities, to: "/facilities", permission: "read:facility" },
    ],
  },
  {
    heading: "services",
    tiles: [
      {
        key: "organizationsUnderContract",
        value: (f) => f.organizationsUnderContract,
        to: "/organizations?contract=active",
        permission: "read:organization",
      },
      {
        key: "peopleInCare",
        value: (f) => f.peopleInCare,
        to: "/people",
        permission: "read:person",
        note: (f) => (f.peopleLeaveOutChildren ? "peopleInCareNoChildren" : null),
      },
      // who=all: station staff would otherwise see only the visits assigned to them, not the station's; the note
      // says the figure is the whole station's, as the list it opens on.
      {
        key: "visitsDueThisWeek",
        value: (f) => f.visitsDueThisWeek,
        to: "/visits?due=week&who=all",
        permission: "read:visit",
        note: (f) => (f.visitsWholeStation ? "visitsWholeStation" : null),
      },
      {
        key: "visitsOverdue",
        value: (f) => f.visitsOverdue,
        to: "/visits?due=overdue&who=all",
        permission: "read:visit",
        tone: (n) => (n > 0 ? "bad" : "good"),
        note: (f) => (f.visitsWholeStation ? "visitsWholeStation" : null),
      },
    ],
  },
  {
    heading: "regions",
    tiles: [
      { key: "counties", value: (f) => f.regions.counties, to: "/coverage", permission: "read:coverage" },
      { key: "townships", value: (f) => f.regions.townships, to: "/coverage", permission: "read:coverage" },
      { key: "villages", value: (f) => f.regions.villages, to: "/coverage", permission: "read:coverage" },
    ],
  },
];

/** The tiles this user sees: figures the scope has (null means "not for this role"), linked where the list is open. */
export function homeSections(user: Pick<SessionUser, "role">, figures: HeadlineFigures): HomeSection[] {
  return sections.map(({ heading, tiles }) => ({
    heading,
    tiles: tiles.flatMap((spec) => {
      const value = spec.value(figures);
      if (value === null) return [];
      return [
        {
          key: spec.key,
          testId: spec.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
          value,
          to: roleHas(user.role, spec.permission) ? spec.to : null,
          tone: spec.tone?.(value) ?? "default",
          note: spec.note?.(figures) ?? null,
        },
      ];
    }),
  }));
}

/**
 * The name the home page is about: the region (with its Tibetan name in the Tibetan interface), organization or
 * station of the scope; null for all regions.
 */
export function scopeNameOf(scope: Scope, locale?: string | null): string | null {
  switch (scope.kind) {
    case "all":
      return null;
    case "region":
      return regionLabel({ name: scope.regionName, nameBo: scope.regionNameBo }, locale);
    case "organization":
      return scope.organizationName;
    case "station":
      return scope.facilityName;
  }
}

// Sizes and durations of `npm run bench:load`: the province-size default, `--size small` (or BENCH_SIZE=small) for a
// quick run, and each figure overridable (`--people 500000` or BENCH_PEOPLE=500000, likewise stations, villages, staff).
export type Sizes = {
  people: number;
  stations: number;
  villages: number;
  staff: number;
  /** Activities and expenditures logged per current contract so far this year. */
  activitiesPerContract: number;
  expendituresPerContract: number;
};

export type BenchConfig = {
  size: string;
  sizes: Sizes;
  users: number;
  /** Seconds of measured load per phase (after a warm-up of `warmupSeconds`). */
  seconds: number;
  warmupSeconds: number;
  floorSeconds: number;
  /** Seconds of each request kind alone, for its CPU per response. */
  kindSeconds: number;
  importRows: number;
  /**
   * Requests per second of all users together (`--rate`); 0 (the default) is the closed loop where each user sends the
   * next request as soon as the previous is answered — saturation. A rate models users who read between pages.
   */
  rate: number;
  keepDatabase: boolean;
  /** Seed, keep the database and stop: for looking at the queries of a province-size dataset by hand. */
  seedOnly: boolean;
};

const presets: Record<string, Sizes> = {
  full: {
    people: 3_000_000,
    stations: 2_000,
    villages: 30_000,
    staff: 3_000,
    activitiesPerContract: 60,
    expendituresPerContract: 24,
  },
  small: {
    people: 100_000,
    stations: 200,
    villages: 3_000,
    staff: 300,
    activitiesPerContract: 20,
    expendituresPerContract: 8,
  },
};

function argValue(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3) ?? process.env[`BENCH_${name.toUpperCase().replaceAll("-", "_")}`];
}

function intArg(name: string, fallback: number): number {
  const raw = argValue(name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not ${raw}`);
  return n;
}

export function readConfig(): BenchConfig {
  const size = argValue("size") ?? "full";
  const preset = presets[size];
  if (!preset) throw new Error(`--size must be one of ${Object.keys(presets).join(", ")}`);
  const sizes: Sizes = {
    people: intArg("people", preset.people),
    stations: intArg("stations", preset.stations),
    villages: intArg("villages", preset.villages),
    staff: intArg("staff", preset.staff),
    activitiesPerContract: intArg("activities-per-contract", preset.activitiesPerContract),
    expendituresPerContract: intArg("expenditures-per-contract", preset.expendituresPerContract),
  };
  if (sizes.stations < 4 || sizes.villages < sizes.stations || sizes.people < sizes.villages)
    throw new Error("Need at least 4 stations, a village per station and a person per village");
  const users = intArg("users", 200);
  if (sizes.staff < sizes.stations + Math.ceil(sizes.stations / 27) + 20)
    throw new Error(
      "--staff must cover one account per station, a planner per county and some organization staff",
    );
  return {
    size,
    sizes,
    users,
    seconds: intArg("seconds", size === "small" ? 20 : 60),
    warmupSeconds: intArg("warmup", size === "small" ? 5 : 10),
    floorSeconds: intArg("floor-seconds", size === "small" ? 5 : 10),
    kindSeconds: intArg("kind-seconds", size === "small" ? 3 : 6),
    importRows: intArg("import-rows", 100_000),
    rate: intArg("rate", 0),
    keepDatabase:
      argValue("keep") === "1" || process.argv.includes("--keep") || process.argv.includes("--seed-only"),
    seedOnly: process.argv.includes("--seed-only"),
  };
}

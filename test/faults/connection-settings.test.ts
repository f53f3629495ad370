// The settings that make failover possible: a multi-host DATABASE_URL, replica URLs, a Sentinel REDIS_URL. Each is
// checked at boot with a message that names the rule; a multi-host URL whose primary is gone fails a query at once
// instead of waiting for a host that will never take writes (the driver alone would wait forever).
import { describe, expect, it } from "vitest";
import { multiHostUrl, openDatabase, unixSocketOptions } from "#db/client";
import { env, parseRedisUrl, redisOptionsFor } from "~/utils/env.server";
import { freePort } from "../../scripts/drills/support/processes";
import { adminDatabaseUrl } from "../setup/config";
import { envPerTest } from "../support/env";

const withEnv = envPerTest();
describe("a multi-host DATABASE_URL", () => {
  it("names each host and port, with PostgreSQL's default port where none is given", () => {
    expect(
      multiHostUrl("postgres://app:secret@db1:5433,db2,[::1]:5435/stations?target_session_attrs=read-write"),
    ).toEqual({
      hosts: [
        { host: "db1", port: 5433 },
        { host: "db2", port: 5432 },
        { host: "::1", port: 5435 },
      ],
      firstHostUrl: "postgres://app:secret@db1:5433/stations?target_session_attrs=read-write",
    });
    expect(multiHostUrl("postgres://app@db1:5433/stations")).toBeNull();
    // The Unix-socket rewrite leaves a multi-host URL as it is.
    const multi = "postgres://app@db1:5433,db2:5434/stations?target_session_attrs=read-write";
    expect(unixSocketOptions(multi)).toEqual({ url: multi });
  });

  it("is accepted with target_session_attrs=read-write and refused without it, or with a Unix socket", () => {
    withEnv({
      DATABASE_URL: "postgres://app@10.0.0.1:5432,10.0.0.2:5432/stations?target_session_attrs=read-write",
    });
    expect(env().DATABASE_URL).toContain("10.0.0.2");
    withEnv({ DATABASE_URL: "postgres://app@10.0.0.1:5432,10.0.0.2:5432/stations" });
    expect(() => env()).toThrow(
      /DATABASE_URL: a URL with several hosts needs \?target_session_attrs=read-write/,
    );
    withEnv({
      DATABASE_URL:
        "postgres://app@10.0.0.1,10.0.0.2/stations?target_session_attrs=read-write&host=/run/postgresql",
    });
    expect(() => env()).toThrow(/several hosts cannot be combined with a Unix socket/);
  });

  it("reaches the host that takes writes when the first one is down", async () => {
    const dead = await freePort();
    const url = new URL(adminDatabaseUrl());
    const handle = openDatabase({
      url: `postgres://${url.username}@127.0.0.1:${dead},${url.hostname}:${url.port || 5432}${url.pathname}?target_session_attrs=read-write`,
      max: 1,
    });
    try {
      const rows = await handle.sql!`select 1 as one`;
      expect(rows[0].one).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it("fails a query at once when no host takes writes, instead of waiting for one", async () => {
    const url = new URL(adminDatabaseUrl());
    const [a, b] = [await freePort(), await freePort()];
    const cases = [
      // Both down.
      `postgres://${url.username}@127.0.0.1:${a},127.0.0.1:${b}${url.pathname}?target_session_attrs=read-write`,
      // One down, the other up but read-only (a standby not yet promoted answers the same way).
      `postgres://${url.username}@127.0.0.1:${a},${url.hostname}:${url.port || 5432}${url.pathname}?target_session_attrs=read-write&default_transaction_read_only=on`,
    ];
    for (const target of cases) {
      const handle = openDatabase({ url: target, max: 1 });
      const started = Date.now();
      try {
        await expect(handle.sql!`select 1`).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(5000);
        // And again: the pool is not left stuck after a failed connection.
        await expect(handle.sql!`select 1`).rejects.toThrow();
      } finally {
        await handle.close();
      }
    }
  });
});

describe("DATABASE_REPLICA_URLS", () => {
  it("takes replicas separated by commas or spaces, one host each", () => {
    withEnv({
      DATABASE_URL: "postgres://app@db1/stations",
      DATABASE_REPLICA_URLS:
        "postgres://app@db2/stations, postgres://app@db3:5433/stations postgresql://app@db4/stations",
    });
    expect(env().DATABASE_REPLICA_URLS).toEqual([
      "postgres://app@db2/stations",
      "postgres://app@db3:5433/stations",
      "postgresql://app@db4/stations",
    ]);
    withEnv({ DATABASE_REPLICA_URLS: "postgres://app@db2,db3/stations" });
    expect(() => env()).toThrow(/DATABASE_REPLICA_URLS: a replica URL names one host/);
    withEnv({ DATABASE_URL: undefined, DATABASE_REPLICA_URLS: "postgres://app@db2/stations" });
    expect(() => env()).toThrow(/DATABASE_REPLICA_URLS: replicas need DATABASE_URL/);
    withEnv({
      DATABASE_URL: "postgres://app@db1/stations",
      DATABASE_REPLICA_URLS: "postgres://app@db2,db3/stations",
    });
    expect(() => env()).toThrow(/DATABASE_REPLICA_URLS: a replica URL names one host/);
    withEnv({ DATABASE_REPLICA_URLS: "" });
    expect(env().DATABASE_REPLICA_URLS).toEqual([]);
  });

  it("refuses a read-your-writes time shorter than the lag a replica may have when read", () => {
    withEnv({
      DATABASE_URL: "postgres://app@db1/stations",
      DATABASE_REPLICA_URLS: "postgres://app@db2/stations",
      DATABASE_REPLICA_MAX_LAG_MS: "5000",
      DATABASE_REPLICA_CHECK_MS: "1000",
      DATABASE_READ_YOUR_WRITES_MS: "4000",
    });
    expect(() => env()).toThrow(
      /DATABASE_READ_YOUR_WRITES_MS: must be at least DATABASE_REPLICA_MAX_LAG_MS \+ DATABASE_REPLICA_CHECK_MS/,
    );
    withEnv({ DATABASE_READ_YOUR_WRITES_MS: undefined });
    expect(env()).toMatchObject({
      DATABASE_READ_YOUR_WRITES_MS: 10_000,
      DATABASE_REPLICA_MAX_LAG_MS: 5000,
      DATABASE_REPLICA_CHECK_MS: 1000,
    });
  });
});

describe("REDIS_URL", () => {
  it("reads one server, with TLS for rediss://", () => {
    expect(parseRedisUrl("redis://:p%40ss@cache.local:6380/2")).toEqual({
      kind: "server",
      host: "cache.local",
      port: 6380,
      username: undefined,
      password: "p@ss",
      db: 2,
    });
    expect(parseRedisUrl("rediss://cache.local")).toMatchObject({ port: 6379, tls: {} });
  });

  it("reads a Sentinel group, with Sentinel's default port and a password of the Sentinels' own", () => {
    expect(
      parseRedisUrl(
        "redis+sentinel://:nodes@10.0.0.1:26379,10.0.0.2,10.0.0.3:26380/mymaster?sentinelPassword=s&db=1",
      ),
    ).toEqual({
      kind: "sentinel",
      sentinels: [
        { host: "10.0.0.1", port: 26379 },
        { host: "10.0.0.2", port: 26379 },
        { host: "10.0.0.3", port: 26380 },
      ],
      name: "mymaster",
      username: undefined,
      password: "nodes",
      sentinelUsername: undefined,
      sentinelPassword: "s",
      db: 1,
    });
    const options = redisOptionsFor("redis+sentinel://127.0.0.1:26379/mymaster");
    expect(options).toMatchObject({ name: "mymaster", role: "master", failoverDetector: true });
    expect(options.sentinels).toEqual([{ host: "127.0.0.1", port: 26379 }]);
  });

  it("refuses other forms at boot without repeating the URL, which may hold a password", () => {
    for (const bad of [
      "http://cache.local",
      "redis+sentinel://10.0.0.1:26379",
      "redis+sentinel://a:b:c/mymaster",
    ]) {
      withEnv({ REDIS_URL: `${bad.replace("//", "//:topsecret@")}` });
      expect(() => env()).toThrow(/REDIS_URL/);
      expect(() => env()).not.toThrow(/topsecret/);
    }
  });
});

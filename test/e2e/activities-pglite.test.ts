// The same activity and report SQL on embedded PGlite, as `npm start` runs on a fresh machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

describe("activities and reports on embedded PGlite", () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ database: "pglite", timeoutMs: 150_000 });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("logs an activity once for a repeated submit and shows the 2023 review figures", async () => {
    const org = new HttpClient(app.baseUrl);
    await org.signIn("org.gar@demo.local");
    const form = await (await org.get("/activities/new")).text();
    const contractId = /<option value="(\d+)">狮泉河镇社会工作服务站/.exec(form)![1];
    const key = /name="_key" value="([0-9a-f-]{36})"/.exec(form)![1];
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const fields = {
      _key: key,
      contractId,
      occurredOn: today,
      kind: "training",
      participants: "6",
      personTimes: "6",
      hours: "2",
      summary: "PGlite 上的培训活动",
    };
    const first = await org.post("/activities/new", fields);
    const second = await org.post("/activities/new", fields);
    expect(first.status).toBe(302);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect((await org.get(first.headers.get("location")!.replace("?logged=1", ""))).status).toBe(200);

    const planner = new HttpClient(app.baseUrl);
    await planner.signIn("planner.ngari@demo.local");
    const review = await (await planner.get("/reports/year-in-review?year=2023&region=542500000000")).text();
    expect(review).toContain("9,526");
    expect(review).toContain("6,318");
    expect(review).toContain("112.32 万元");
    const feed = await (await planner.get("/activities?flagged=open")).text();
    expect(feed).toContain("feed-summary");
  });
});

// Hostile and awkward uploads against the real app: files Excel saves on Chinese Windows (GBK), BOMs, other
// delimiters, ragged rows, formula cells, broken or misplaced GeoJSON, and bodies twice the size limit, which must be
// cut off while they stream. Every rejection is a 4xx with a message in the user's language and writes nothing.
// (Row-level checks of good files are in app/modules/imports/imports.test.ts and app/modules/people/import.test.ts.)
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBoundaryGeoJson, parseRegionCsv } from "~/modules/imports/parse";
import { buildIdNumber } from "~/modules/people/id-number";
import { toCsv } from "~/utils/csv.server";
import { decodeUploadText } from "~/utils/upload.server";
import { type AppServer, startAppServer } from "../support/app-server";
import { HttpClient } from "../support/http";

const MB = 1024 * 1024;
const REGION_LIMIT = 30 * MB;
const PEOPLE_LIMIT = 32 * MB;
const PHOTO_LIMIT = 8 * MB;

// GBK bytes of the Chinese characters the fixtures use (ASCII is the same in GBK), computed with Python's gbk codec.
const gbkTable: Record<string, string> = {
  国: "b9fa",
  标: "b1ea",
  码: "c2eb",
  村: "b4e5",
  姓: "d0d5",
  名: "c3fb",
  出: "b3f6",
  生: "c9fa",
  日: "c8d5",
  期: "c6da",
  身: "c9ed",
  份: "b7dd",
  证: "d6a4",
  号: "bac5",
  "（": "a3a8",
  代: "b4fa",
  或: "bbf2",
  称: "b3c6",
  "）": "a3a9",
  类: "c0e0",
  别: "b1f0",
  低: "b5cd",
  保: "b1a3",
  示: "cabe",
  例: "c0fd",
  甲: "bcd7",
  备: "b1b8",
  注: "d7a2",
};
function gbk(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    Buffer.concat(
      [...text].map((c) => {
        if (c.charCodeAt(0) < 0x80) return Buffer.from(c, "latin1");
        const hex = gbkTable[c];
        if (!hex) throw new Error(`no GBK bytes for ${c} in the test table`);
        return Buffer.from(hex, "hex");
      }),
    ),
  );
}

const square = (x: number, y: number, size = 0.1) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];
const featureCollection = (code: string, coordinates: unknown) =>
  JSON.stringify({
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: { code }, geometry: { type: "Polygon", coordinates } }],
  });

describe("decoding uploaded text", () => {
  it("reads GBK (Excel on Chinese Windows), UTF-8 with and without BOM, and UTF-16 with BOM", () => {
    const text = "code,name\r\n540402101960,国标码村\r\n";
    expect(decodeUploadText(gbk(text))).toEqual({ text, encoding: "gb18030" });
    expect(decodeUploadText(Buffer.from(`\uFEFF${text}`, "utf8"))).toEqual({ text, encoding: "utf-8" });
    expect(decodeUploadText(Buffer.from(text, "utf8"))).toEqual({ text, encoding: "utf-8" });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(decodeUploadText(utf16)).toEqual({ text, encoding: "utf-16le" });
  });
});

describe("region CSV and GeoJSON shapes (parser)", () => {
  const header = "code,name,parent_code,lat,lng,population";
  it("accepts semicolon- and tab-separated files, and names a full-width comma as the wrong delimiter", () => {
    for (const sep of [";", "\t"]) {
      const text = [header, "540402101960,分号村,540402101000,29.70,94.40,10"]
        .map((l) => l.replaceAll(",", sep))
        .join("\n");
      const { rows, problems } = parseRegionCsv(text);
      expect(problems).toEqual([]);
      expect(rows[0]).toMatchObject({ code: "540402101960", name: "分号村", lat: 29.7, lng: 94.4 });
    }
    const fullWidth = [header, "540402101960,全角村,540402101000,,,"].map((l) => l.replaceAll(",", "，"));
    expect(parseRegionCsv(fullWidth.join("\n")).problems).toEqual([
      { line: 1, error: "problems.delimiter", params: { delimiter: "，" } },
    ]);
  });

  it("reports ragged rows by line with the column counts, and tolerates a stray trailing comma", () => {
    const { rows, problems } = parseRegionCsv(
      [
        header,
        "540402101961,短行村,540402101000,29.7", // 2: 4 cells
        "540402101962,长行村,540402101000,29.7,94.4,10,多余", // 3: 7 cells with text
        "540402101963,尾逗号村,540402101000,29.7,94.4,10,", // 4: a stray empty cell: fine
      ].join("\n"),
    );
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, error: "problems.fieldCount", params: { expected: 6, found: 4 } }),
      expect.objectContaining({ line: 3, error: "problems.fieldCount", params: { expected: 6, found: 7 } }),
    ]);
    expect(rows.map((r) => r.line)).toEqual([4]);
  });

  it("suggests swapping lat and lng when only the swapped point lies in China", () => {
    const { problems } = parseRegionCsv(
      [
        header,
        "540402101964,反村,540402101000,94.40,29.70,", // swapped
        "540402101965,巴黎村,540402101000,48.85,2.35,", // outside either way
      ].join("\n"),
    );
    expect(problems.map((p) => [p.line, p.error])).toEqual([
      [2, "problems.coordinatesSwapped"],
      [3, "problems.coordinateOutsideChina"],
    ]);
  });

  it("refuses GeoJSON that is not JSON, swapped axes, and geometry outside China", () => {
    expect(parseBoundaryGeoJson("code,name\n1,2").problems).toEqual([{ line: 0, error: "problems.notJson" }]);
    expect(parseBoundaryGeoJson('{"type":"FeatureCollection","features":[').problems).toEqual([
      { line: 0, error: "problems.notJson" },
    ]);
    // [lat, lng] instead of [lng, lat]: latitude 94 is not even a valid position.
    const swapped = square(29.6, 94.3).map((ring) => ring.map(([x, y]) => [x, y]));
    expect(parseBoundaryGeoJson(featureCollection("540402101000", swapped)).problems).toEqual([
      expect.objectContaining({ line: 1, error: "problems.coordinatesSwapped" }),
    ]);
    // Western Tibet swapped stays a valid position (lng 32, lat 80) but lies in the Arctic.
    expect(parseBoundaryGeoJson(featureCollection("542523100000", square(32.5, 80.1))).problems).toEqual([
      expect.objectContaining({ error: "problems.coordinatesSwapped" }),
    ]);
    expect(parseBoundaryGeoJson(featureCollection("540402101000", square(2.3, 48.8))).problems).toEqual([
      expect.objectContaining({ error: "problems.geometryOutsideChina" }),
    ]);
  });

  it("converts declared GCJ-02 and reports each sample's coordinates before and after, with the shift", () => {
    const doc = featureCollection("540402101000", square(94.3, 29.6));
    const asWgs = parseBoundaryGeoJson(doc);
    expect(asWgs.samples).toEqual([
      { line: 1, code: "540402101000", input: [94.3, 29.6], stored: [94.3, 29.6], shiftMeters: 0 },
    ]);
    const asGcj = parseBoundaryGeoJson(doc, { datum: "gcj02" });
    const [s] = asGcj.samples;
    expect(s.input).toEqual([94.3, 29.6]);
    expect(s.stored).not.toEqual([94.3, 29.6]);
    // GCJ-02 shifts points in China by a few hundred metres.
    expect(s.shiftMeters).toBeGreaterThan(50);
    expect(s.shiftMeters).toBeLessThan(1000);
    const ring = (asGcj.rows[0].geometry.coordinates as number[][][])[0];
    expect(ring[0]).toEqual(s.stored);
  });
});

describe("uploads through the running app", () => {
  let app: AppServer;
  let sql: postgres.Sql;
  let tmpDir: string;
  let admin: HttpClient;
  let staff: HttpClient;
  let org: HttpClient;

  const count = async (table: string, where = "true") =>
    (await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where ${where}`))[0].n;
  const filesUnder = (dir: string): string[] =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { recursive: true, withFileTypes: true })
          .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []))
      : [];

  beforeAll(async () => {
    // why: the server's own temp directory, so "no temp files left" is checked without other processes' files.
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "snc-upload-tmp-"));
    // why: these tests are about upload limits; on a busy CI machine the event-loop threshold of the load shedder
    // would otherwise answer some of them 503 (test/e2e/overload.test.ts is where shedding is tested).
    app = await startAppServer({
      database: "demo",
      env: { TMPDIR: tmpDir, OVERLOAD_MAX_LOOP_DELAY_MS: "5000" },
    });
    sql = postgres(app.databaseUrl!, { max: 1, onnotice: () => {} });
    admin = new HttpClient(app.baseUrl);
    staff = new HttpClient(app.baseUrl);
    org = new HttpClient(app.baseUrl);
    await Promise.all([
      admin.signIn("admin@demo.local"),
      staff.signIn("station.baiba@demo.local"),
      org.signIn("org.gar@demo.local"),
    ]);
  });
  afterAll(async () => {
    await sql?.end();
    await app?.stop();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  const regionForm = (file: Blob, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("intent", fields.intent ?? "preview");
    form.set("kind", fields.kind ?? "regions");
    form.set("datum", fields.datum ?? "wgs84");
    form.set("file", file, name);
    return form;
  };

  it("imports a GBK regions CSV from the page and through the API, and a UTF-8 one with BOM", async () => {
    const csv =
      "code,name,parent_code,lat,lng,population\r\n540402101960,国标码村,540402101000,29.70,94.40,100\r\n";
    const preview = await admin.request("/regions/import", {
      method: "POST",
      body: regionForm(new Blob([gbk(csv)], { type: "text/csv" }), "村.csv"),
    });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("国标码村");
    expect(html).not.toContain("\uFFFD");
    // The preview lists the coordinates as given and as stored, so a wrong datum can be seen before the commit.
    expect(html).toContain('data-testid="import-samples"');
    expect(html).toContain("29.7, 94.4");

    const api = await admin.request("/api/import/regions", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: gbk(csv),
    });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ committed: true, counts: { inserted: 1 } });
    const [row] = await sql`select name from regions where code = '540402101960'`;
    expect(row.name).toBe("国标码村");

    const bom = await admin.request("/api/import/regions?dryRun=1", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: `\uFEFF${csv.replace("540402101960,国标码村", "540402101966,带BOM村")}`,
    });
    expect(await bom.json()).toMatchObject({ problems: [], counts: { inserted: 1 } });
  });

  it("stores formula-like names as plain text and neutralises them when they are exported again", async () => {
    const names = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"];
    const csv = toCsv(
      ["code", "name", "parent_code", "lat", "lng", "population"],
      names.map((name, i) => [`54040210197${i}`, name, "540402101000", "", "", ""]),
    );
    // toCsv itself prefixes a quote; send the raw names the way a hostile file would.
    const raw = csv.replace(/'(?=[=+\-@])/g, "");
    expect(raw).toContain("=cmd|' /C calc'!A0");
    const res = await admin.request("/api/import/regions", {
      method: "POST",
      headers: { "Content-Type": "text/csv" },
      body: raw,
    });
    expect(res.status).toBe(200);
    const stored = await sql<{ name: string }[]>`
      select name from regions where code like '5404021019_%' and code >= '540402101970' order by code`;
    expect(stored.map((r) => r.name)).toEqual(names);
    // Any export of these names goes through toCsv / buildWorkbook (see escaping.test.ts for every export route).
    const again = toCsv(
      ["name"],
      names.map((n) => [n]),
    );
    for (const name of names) expect(again).toContain(`'${name.replaceAll('"', '""')}`);
  });

  it("people: imports a GBK CSV, refuses ragged rows by row number and a wrong delimiter, all-or-nothing", async () => {
    const id = buildIdNumber({ region6: "540402", birthDate: "1961-02-03", sequence: 971 });
    const header = "姓名,出生日期,身份证号,村（代码或名称）,类别,备注";
    const upload = (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.set("file", new Blob([bytes], { type: "text/csv" }), "people.csv");
      return staff.request("/people/import", { method: "POST", body: form });
    };
    const before = await count("people");
    const ragged = await upload(
      gbk(
        [
          header,
          `示例甲,1961-02-03,${id},540402101202,低保,备注`,
          `示例甲,1961-02-03,${id},540402101202,低保,备注,=1+1`, // 3: an extra cell
          "示例甲,1961-02-03", // 4: too short
        ].join("\r\n"),
      ),
    );
    expect(ragged.status).toBe(422);
    const raggedHtml = await ragged.text();
    expect(raggedHtml).toContain("本行有 7 列，表头有 6 列");
    expect(raggedHtml).toContain("本行有 2 列，表头有 6 列");
    expect(await count("people")).toBe(before);

    const fullWidth = await upload(
      new TextEncoder().encode(`${header.replaceAll(",", "，")}\r\n示例，1961-02-03`),
    );
    expect(fullWidth.status).toBe(422);
    expect(await fullWidth.text()).toContain("文件似乎用“，”分隔各列");

    const good = await upload(
      gbk([header, `示例甲,1961-02-03,${id},540402101202,低保,=cmd|' /C calc'!A0`].join("\r\n")),
    );
    expect(good.status).toBe(200);
    expect(await count("people")).toBe(before + 1);
    const [person] = await sql<{ full_name: string; notes: string }[]>`
      select full_name, notes from people order by id desc limit 1`;
    expect(person).toEqual({ full_name: "示例甲", notes: "=cmd|' /C calc'!A0" });
  });

  it("refuses GeoJSON that is not JSON, swapped or outside China with 422 and a message, writing nothing", async () => {
    const boundaries = async () => count("regions", "boundary is not null");
    const before = await boundaries();
    const cases: [string, string][] = [
      ["code,name\n1,2", "不是有效的 JSON"],
      [featureCollection("540402101000", square(29.6, 94.3)), "纬度和经度是否填反了"],
      [featureCollection("540402101000", square(2.3, 48.8)), "边界不在中国境内"],
    ];
    for (const [body, message] of cases) {
      const api = await admin.request("/api/import/regions?kind=boundaries", {
        method: "POST",
        headers: { "Content-Type": "application/geo+json" },
        body,
      });
      expect(api.status).toBe(422);
      const page = await admin.request("/regions/import", {
        method: "POST",
        body: regionForm(new Blob([body]), "b.geojson", { kind: "boundaries" }),
      });
      expect(page.status).toBe(422);
      expect(await page.text()).toContain(message);
    }
    expect(await boundaries()).toBe(before);
  });

  it("converts a boundary file declared GCJ-02 to WGS-84, and the preview reports both coordinates", async () => {
    const doc = featureCollection("540402102000", square(94.3, 29.6));
    const preview = await admin.request("/api/import/regions?kind=boundaries&datum=gcj02&dryRun=1", {
      method: "POST",
      body: doc,
    });
    const report = (await preview.json()) as {
      datum: string;
      samples: { input: number[]; stored: number[]; shiftMeters: number }[];
    };
    expect(report.datum).toBe("gcj02");
    expect(report.samples[0].input).toEqual([94.3, 29.6]);
    expect(report.samples[0].shiftMeters).toBeGreaterThan(50);
    const commit = await admin.request("/api/import/regions?kind=boundaries&datum=gcj02", {
      method: "POST",
      body: doc,
    });
    expect(commit.status).toBe(200);
    const [row] = await sql<{ boundary: { coordinates: number[][][] } }[]>`
      select boundary from regions where code = '540402102000'`;
    expect(row.boundary.coordinates[0][0]).toEqual(report.samples[0].stored);
    expect(row.boundary.coordinates[0][0]).not.toEqual([94.3, 29.6]);
  });

  /**
   * Streams `total` bytes (chunked, no Content-Length) and stops writing once `pauseAfter` bytes are out, waiting
   * for the answer: a server that buffers the whole body first would never answer, so the test would time out.
   */
  async function streamUpload({
    client,
    path: route,
    contentType,
    prefix = "",
    suffix = "",
    total,
    pauseAfter,
    keepSending = false,
  }: {
    client: HttpClient;
    path: string;
    contentType: string;
    prefix?: string;
    suffix?: string;
    total: number;
    pauseAfter: number;
    /** Send the whole body even after the answer (a client that ignores the 413). */
    keepSending?: boolean;
  }): Promise<{ status: number; body: string; sentWhenAnswered: number; sent: number }> {
    const cookie = await cookieOf(client);
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(`${app.baseUrl}${route}`, {
        method: "POST",
        headers: { "Content-Type": contentType, Cookie: cookie, "Transfer-Encoding": "chunked" },
      });
      let response: { status: number; body: string; sentWhenAnswered: number } | null = null;
      let writing = true;
      const finish = () => {
        if (!response || (keepSending && writing)) return;
        req.destroy();
        resolve({ ...response, sent });
      };
      req.on("error", (error) => {
        writing = false;
        if (!answered) reject(error);
        else finish();
      });
      req.on("response", (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => {
          response = { status: res.statusCode ?? 0, body, sentWhenAnswered };
          finish();
        });
      });
      const chunk = Buffer.alloc(256 * 1024, "a");
      const write = () => {
        if (sent === 0 && prefix) {
          req.write(prefix);
          sent += Buffer.byteLength(prefix);
        }
        while ((keepSending || !answered) && sent < pauseAfter && sent < total && writing) {
          sent += chunk.byteLength;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        if (!writing || (answered && !keepSending)) return;
        if (sent >= total) {
          req.end(suffix, () => {
            writing = false;
            finish();
          });
          return;
        }
        // Past pauseAfter: hold the rest back; the answer must come without it.
        setTimeout(() => {
          if (!answered) reject(new Error(`no answer after ${sent} bytes of ${total}`));
          req.destroy();
        }, 15_000);
      };
      write();
    });
  }

  async function cookieOf(client: HttpClient): Promise<string> {
    // biome-ignore lint/suspicious/noExplicitAny: test access to the client's private cookie jar
    const jar = (client as any).cookies as Map<string, string>;
    return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  const multipart = (field: string, filename: string, fields: Record<string, string> = {}) => {
    const boundary = "----snc-test-boundary";
    const head =
      Object.entries(fields)
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    return {
      contentType: `multipart/form-data; boundary=${boundary}`,
      prefix: head,
      suffix: `\r\n--${boundary}--\r\n`,
    };
  };

  const rss = () => {
    const status = fs.readFileSync(`/proc/${app.process.pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
  };

  it("cuts off a region upload twice the limit while it streams (API and page), with 413 and a message", async () => {
    const regionsBefore = await count("regions");
    const api = await streamUpload({
      client: admin,
      path: "/api/import/regions",
      contentType: "text/csv",
      total: 2 * REGION_LIMIT,
      pauseAfter: REGION_LIMIT + 2 * MB,
    });
    expect(api.status).toBe(413);
    expect(api.sentWhenAnswered).toBeLessThan(2 * REGION_LIMIT);
    expect(JSON.parse(api.body)).toMatchObject({
      code: "errors.tooLarge",
      error: expect.stringContaining("30 MB"),
    });

    const form = multipart("file", "huge.csv", { intent: "preview", kind: "regions", datum: "wgs84" });
    const page = await streamUpload({
      client: admin,
      path: "/regions/import",
      ...form,
      total: 2 * REGION_LIMIT,
      pauseAfter: REGION_LIMIT + 2 * MB,
    });
    expect(page.status).toBe(413);
    expect(page.body).toContain("文件过大（上限 30 MB）");
    expect(page.sentWhenAnswered).toBeLessThan(2 * REGION_LIMIT);
    expect(await count("regions")).toBe(regionsBefore);
  });

  it("cuts off a people CSV twice the limit while it streams, with 413 and a message, writing nothing", async () => {
    const before = await count("people");
    const res = await streamUpload({
      client: staff,
      path: "/people/import",
      ...multipart("file", "people.csv"),
      total: 2 * PEOPLE_LIMIT,
      pauseAfter: PEOPLE_LIMIT + MB,
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain("文件超过 32 MB");
    expect(await count("people")).toBe(before);
  });

  it("bounds memory when a client ignores the 413 and keeps sending: the server stops reading and hangs up", async () => {
    const before = rss();
    const total = 512 * MB;
    const res = await streamUpload({
      client: staff,
      path: "/people/import",
      ...multipart("file", "people.csv"),
      total,
      pauseAfter: total,
      keepSending: true,
    });
    expect(res.status).toBe(413);
    expect(res.sentWhenAnswered).toBeLessThan(total);
    // The server read about the 32 MB limit, answered, and closed the connection: the client could not push the rest.
    expect(res.sent).toBeLessThan(total / 4);
    expect(rss() - before).toBeLessThan(total / 4);
  });

  it("refuses an activity photo twice the limit with 413 and a message, storing no activity and no file", async () => {
    const activities = await count("activities");
    const form = multipart("photo", "huge.jpg", { _key: "0b3f5f0e-0d6a-4f7e-9a51-3c0d2f6c1a11" });
    const res = await streamUpload({
      client: org,
      path: "/activities/new",
      ...form,
      total: 2 * PHOTO_LIMIT,
      pauseAfter: 2 * PHOTO_LIMIT,
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain("超过 8 MB");
    expect(await count("activities")).toBe(activities);
    expect(filesUnder(path.join(app.dataDir, "photos"))).toEqual([]);
  });

  it("leaves no temporary files behind", () => {
    // tsx keeps its compile cache under the temp directory; anything else would be an upload left behind.
    expect(filesUnder(tmpDir).filter((f) => !f.includes(`${path.sep}tsx-`))).toEqual([]);
    expect(filesUnder(app.dataDir).filter((f) => !f.includes(`${path.sep}pglite`))).toEqual([]);
  });
});

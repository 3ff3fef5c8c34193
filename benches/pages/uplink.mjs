// Photo sync over a slow uplink (issue 23), in Debian's Chromium at 390 × 844, through a
// counting proxy in front of the server:
//   1. link use: a ~2 MB photo sent from a section page over Chromium's emulated uplink
//      (400 kbit/s, 300 ms latency); the share of the time from the first tus request's
//      start to the last PATCH's answer that the photo's bytes alone would need;
//   2. resend after a cut: a ~4 MB photo over a faster emulated link (2000 kbit/s, 50 ms);
//      the server is killed (SIGKILL, `CUT_SIGNAL` to change) when a third of the file has
//      reached the proxy, and started again; the page's queue resumes the upload. The PATCH
//      body bytes that reached the proxy, minus the file's size, are the bytes sent again.
// The proxy notes, for every request to /api/v1/uploads*, its request and response headers
// (as they would be on the wire), its body bytes and when they arrived, and when the answer
// came back. The server is told the proxy's address as its --base-url, so the upload's
// `Location` (an absolute URL) leads through the proxy too.
// Usage: node benches/pages/uplink.mjs PORT DATA_DIR   (benches/pages/uplink.sh prepares them)
// BENCH_VERBOSE=1 lists every tus request.
import http from "node:http";
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { openSync } from "node:fs";
import { chromium } from "playwright-core";

const port = process.argv[2] ?? "18195";
const data = process.argv[3];
if (!data) throw new Error("usage: node benches/pages/uplink.mjs PORT DATA_DIR");
const dbFile = `${data}/uplink.db`;
const verbose = !!process.env.BENCH_VERBOSE;
const cutSignal = process.env.CUT_SIGNAL ?? "SIGKILL";
const CHUNK = 256 * 1024; // static/offline/upload.js

// ---- The counting proxy ----------------------------------------------------------------
const tus = []; // one record per request to /api/v1/uploads*
const others = { n: 0, bytes: 0 };
let onPatchData = null;
const headBytes = (line, raw) => {
  let n = Buffer.byteLength(line) + 2 + 2; // the first line and the empty line
  for (let i = 0; i < raw.length; i += 2) n += Buffer.byteLength(raw[i]) + 2 + Buffer.byteLength(raw[i + 1]) + 2;
  return n;
};
const proxy = http.createServer((req, res) => {
  const rec = req.url.startsWith("/api/v1/uploads")
    ? {
        method: req.method, path: req.url, start: Date.now(), first: 0, last: 0, answer: 0, body: 0, events: [],
        reqHead: headBytes(`${req.method} ${req.url} HTTP/${req.httpVersion}`, req.rawHeaders), resHead: 0, status: 0,
      }
    : null;
  if (rec) tus.push(rec);
  else others.n += 1;
  // A connection of its own each time: none is left half-dead in a pool after a kill.
  const upstream = http.request(
    { host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers, agent: false },
    (answer) => {
      if (rec) {
        rec.status = answer.statusCode;
        rec.resHead = headBytes(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}`, answer.rawHeaders);
        rec.offset = answer.headers["upload-offset"];
      }
      res.writeHead(answer.statusCode, answer.statusMessage, answer.headers);
      answer.on("data", (c) => { if (!rec) others.bytes += c.length; });
      answer.on("end", () => { if (rec) rec.answer = Date.now(); });
      answer.pipe(res);
    }
  );
  // The server gone (killed, or not yet up again): the phone's connection is cut too.
  upstream.on("error", (e) => {
    if (rec) rec.cut = e.code || e.message;
    req.destroy();
    res.destroy();
  });
  req.on("error", () => upstream.destroy());
  res.on("close", () => { if (!res.writableFinished) upstream.destroy(); });
  req.on("data", (c) => {
    if (!rec) return;
    const t = Date.now();
    rec.first ||= t;
    rec.last = t;
    rec.body += c.length;
    if (rec.method === "PATCH") {
      rec.events.push([t, c.length]);
      if (onPatchData) onPatchData();
    }
  });
  req.pipe(upstream);
});
await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${proxy.address().port}`;

// ---- The server, started, killed and started again here -------------------------------
let server = null;
const serverLog = openSync(`${data}/server.log`, "a");
process.on("exit", () => server && server.kill("SIGKILL"));
async function startServer() {
  server = spawn("./target/debug/tiepcan", ["serve", "--listen", `127.0.0.1:${port}`, "--data-dir", data,
    "--database-url", `sqlite://${dbFile}`, "--base-url", base], { stdio: ["ignore", serverLog, serverLog] });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch (_) { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the server did not start");
}
async function stopServer(signal = "SIGTERM") {
  if (!server) return;
  const done = new Promise((r) => server.once("exit", r));
  server.kill(signal);
  await done;
  server = null;
}

const sql = (query) => execFileSync("sqlite3", [dbFile, query], { encoding: "utf8" }).trim();
const hex = (uuid) => uuid.replace(/-/g, "");
const photosOf = (audit) => Number(sql(`SELECT count(*) FROM photos WHERE audit_id = X'${hex(audit)}'`));
const step = (what) => { if (verbose) console.error(`${new Date().toISOString().slice(11, 23)} ${what}`); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, check, seconds) {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

// ---- The phone ------------------------------------------------------------------------
await startServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// A signed-in inspector on a toilets section of a new audit of the `n`th building, with the
// service worker in place and what it keeps for offline already fetched (so nothing else
// shares the link while the photo goes).
async function sectionPage(n) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
  const page = await context.newPage();
  step("signing in");
  const signedIn = await page.request.post(`${base}/api/v1/session`, {
    data: { username: "bench.inspector", password: "bench inspector password" },
    headers: { Origin: base },
  });
  if (!signedIn.ok()) throw new Error(`sign in: ${signedIn.status()}`);
  const list = await (await page.request.get(`${base}/api/v1/sites?kind=public_building&department=construction&limit=5`)).json();
  const started = await page.request.post(`${base}/api/v1/sites/${list.items[n].id}/audits`, {
    data: { key: crypto.randomUUID() },
    headers: { Origin: base },
  });
  if (!started.ok()) throw new Error(`start audit: ${started.status()} ${await started.text()}`);
  const audit = (await started.json()).id;
  step(`audit ${audit} started`);
  await page.goto(`${base}/audits/${audit}/sections/toilet`, { waitUntil: "load" });
  await page.waitForSelector("form[data-audit] input[type=file]", { state: "attached" });
  step("section page loaded");
  await page.evaluate(() => Promise.race([navigator.serviceWorker.ready.then(() => true),
    new Promise((_, reject) => setTimeout(() => reject(new Error("no service worker after 30 s")), 30000))]));
  step("service worker ready");
  let last = -1;
  for (let i = 0; i < 15 && last !== others.n; i++) { last = others.n; await sleep(2000); }
  step(`settled after ${others.n} other requests`);
  return { context, page, audit };
}

// A JPEG of about `mb` megabytes: noise, which JPEG cannot make small (as tests/offline/).
async function bigJpeg(page, label, mb) {
  const b64 = await page.evaluate(({ label, mb }) => {
    const side = Math.round(Math.sqrt(mb * 1024 * 1024 / 2.2));
    const c = document.createElement("canvas");
    c.width = side;
    c.height = side;
    const g = c.getContext("2d");
    const img = g.createImageData(side, side);
    for (let i = 0; i < img.data.length; i++) img.data[i] = (i % 4 === 3) ? 255 : (Math.random() * 256) | 0;
    g.putImageData(img, 0, 0);
    g.fillStyle = "#fff";
    g.fillText(label, 10, 10);
    return c.toDataURL("image/jpeg", 0.95).split(",")[1];
  }, { label, mb });
  return { name: `${label}.jpg`, mimeType: "image/jpeg", buffer: Buffer.from(b64, "base64") };
}

// A noise JPEG of about `bytes` (within 10 %): bigJpeg's `mb` gives about half as many.
async function photoOf(page, label, bytes) {
  let mb = bytes / (1024 * 1024) / 0.46;
  let photo = await bigJpeg(page, label, mb);
  for (let i = 0; i < 3 && Math.abs(photo.buffer.length / bytes - 1) > 0.1; i++) {
    mb *= bytes / photo.buffer.length;
    photo = await bigJpeg(page, label, mb);
  }
  return photo;
}

async function uplink(page, kbitPerSecond, latency) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency, downloadThroughput: 1024 * 1024, uploadThroughput: (kbitPerSecond * 1000) / 8,
  });
}

// The tus requests as the page saw them (Resource Timing, epoch ms), from `since` on.
const seenByPage = (page, since) => page.evaluate((since) => performance.getEntriesByType("resource")
  .filter((e) => new URL(e.name).pathname.startsWith("/api/v1/uploads") && performance.timeOrigin + e.startTime >= since)
  .map((e) => ({ start: performance.timeOrigin + e.startTime, end: performance.timeOrigin + e.responseEnd })), since);

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const pct = (x) => `${(x * 100).toFixed(1)} %`;
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v.length ? v[(v.length - 1) >> 1] : NaN; };
const byMethod = (recs) => Object.entries(recs.reduce((m, r) => ({ ...m, [r.method]: (m[r.method] || 0) + 1 }), {}))
  .map(([k, v]) => `${v} ${k}`).join(", ");
function list(recs, t0) {
  if (!verbose) return;
  for (const r of recs) {
    console.log(`  ${r.method.padEnd(7)} ${String(r.status || "cut").padEnd(4)} +${s(r.start - t0).padStart(7)}` +
      ` body ${String(r.body).padStart(7)} B` + (r.first ? ` over ${s(r.last - r.first)}` : "") +
      (r.answer ? `, answer +${s(r.answer - t0)}` : "") + (r.offset ? `, Upload-Offset ${r.offset}` : "") +
      (r.cut ? ` (${r.cut})` : ""));
  }
}
// The most bytes that arrived within any `ms` window of one request's body.
function burst(rec, ms) {
  let most = 0;
  let sum = 0;
  let j = 0;
  for (let i = 0; i < rec.events.length; i++) {
    sum += rec.events[i][1];
    while (rec.events[i][0] - rec.events[j][0] >= ms) sum -= rec.events[j++][1];
    most = Math.max(most, sum);
  }
  return most;
}

// ---- 1. Link use ----------------------------------------------------------------------
{
  const KBIT = 400;
  const LATENCY = 300;
  const { context, page, audit } = await sectionPage(0);
  const photo = await photoOf(page, "uplink", 2_000_000);
  step(`photo of ${photo.buffer.length} bytes made`);
  await uplink(page, KBIT, LATENCY);
  const from = tus.length;
  const t0 = Date.now();
  await page.locator("form[data-audit] input[type=file]").first().setInputFiles([photo]);
  step("photo set");
  await until("the photo stored", async () => photosOf(audit) === 1, 300);
  step("photo stored");
  await until("the last answer", async () => { const p = tus.slice(from).filter((r) => r.method === "PATCH"); return p.length && p.at(-1).answer; }, 30);
  await sleep(1500); // the answer's way back over the emulated link
  const recs = tus.slice(from);
  const patches = recs.filter((r) => r.method === "PATCH");
  const seen = await seenByPage(page, t0);
  const size = photo.buffer.length;
  const ideal = (size * 8) / (KBIT * 1000) * 1000; // ms
  const atProxy = patches.at(-1).answer - recs[0].start;
  const inPage = seen.length ? Math.max(...seen.map((e) => e.end)) - Math.min(...seen.map((e) => e.start)) : NaN;
  const bodyTime = patches.reduce((n, r) => n + (r.last - r.first), 0);
  const bodyBytes = patches.reduce((n, r) => n + r.body, 0);
  // Between one PATCH's answer leaving the proxy and the next PATCH's first body byte.
  const gaps = patches.slice(1).map((r, i) => r.first - patches[i].answer);
  const waits = patches.map((r) => r.first - r.start); // request headers to first body byte
  const bursts = patches.map((r) => burst(r, 100));
  // Bytes let through at once when a PATCH's body starts (within 50 ms of its first byte).
  const atOnce = patches.map((r) => r.events.filter(([t]) => t - r.first < 50).reduce((n, [, b]) => n + b, 0));
  // A full chunk's turn, from the answer before it to its own answer, against its bytes alone.
  const turns = patches.slice(1).filter((r) => r.body === CHUNK).map((r, i) => r.answer - patches[patches.indexOf(r) - 1].answer);
  const chunkTime = (CHUNK * 8) / KBIT; // ms
  console.log(`\n1. Link use: a ${kb(size)} photo (${size} bytes) over ${KBIT} kbit/s up, ${LATENCY} ms latency (Chromium's emulation)`);
  list(recs, t0);
  console.log("| measure | value |");
  console.log("|---|---:|");
  console.log(`| tus requests | ${recs.length} (${byMethod(recs)}) |`);
  console.log(`| PATCH body bytes at the proxy | ${bodyBytes} |`);
  console.log(`| headers, request + response, all tus requests | ${kb(recs.reduce((n, r) => n + r.reqHead, 0))} + ${kb(recs.reduce((n, r) => n + r.resHead, 0))} |`);
  console.log(`| the photo's bytes alone at ${KBIT} kbit/s | ${s(ideal)} |`);
  console.log(`| first tus request's start to last PATCH's answer, in the page | ${s(inPage)} |`);
  console.log(`| the same at the proxy | ${s(atProxy)} |`);
  console.log(`| **link share, in the page** | **${pct(ideal / inPage)}** |`);
  console.log(`| link share, at the proxy | ${pct(ideal / atProxy)} |`);
  console.log(`| PATCH bodies' rate while arriving at the proxy | ${((bodyBytes * 8) / bodyTime).toFixed(0)} kbit/s |`);
  console.log(`| a PATCH's headers to its first body byte, median (max) | ${median(waits)} ms (${Math.max(...waits)} ms) |`);
  console.log(`| the file set to the first PATCH's headers at the proxy | ${s(patches[0].start - t0)} |`);
  const turnaround = patches.slice(1).map((r, i) => r.start - patches[i].answer);
  console.log(`| a PATCH's answer to the next one's headers, median (max) | ${median(turnaround)} ms (${Math.max(...turnaround)} ms) |`);
  console.log(`| the last PATCH's last body byte to its answer (the photo pipeline) | ${s(patches.at(-1).answer - patches.at(-1).last)} |`);
  console.log(`| a PATCH's answer to the next one's first body byte, median (max) | ${median(gaps)} ms (${Math.max(...gaps)} ms) |`);
  console.log(`| a full chunk's turn (answer to answer), median; its bytes alone take ${s(chunkTime)} | ${s(median(turns))} (${pct(chunkTime / median(turns))}) |`);
  console.log(`| bytes let through at once as a PATCH's body starts, median | ${median(atOnce)} B |`);
  console.log(`| most body bytes in any 100 ms, median PATCH (max); ${KBIT} kbit/s is ${(KBIT * 100) / 8000 * 1000 | 0} B | ${median(bursts)} B (${Math.max(...bursts)} B) |`);
  const stored = sql(`SELECT original_sha256 FROM photos WHERE audit_id = X'${hex(audit)}'`);
  console.log(`| stored photo's SHA-256 is the file's | ${stored === createHash("sha256").update(photo.buffer).digest("hex") ? "yes" : "NO"} |`);
  await context.close();
}

// ---- 2. Resend after a cut ------------------------------------------------------------
{
  const KBIT = 2000;
  const LATENCY = 50;
  const { context, page, audit } = await sectionPage(1);
  const photo = await photoOf(page, "cut", 4_000_000);
  const size = photo.buffer.length;
  await uplink(page, KBIT, LATENCY);
  const from = tus.length;
  const patchBytes = () => tus.slice(from).filter((r) => r.method === "PATCH").reduce((n, r) => n + r.body, 0);
  let cut = null;
  onPatchData = () => {
    if (cut || patchBytes() < size / 3) return;
    cut = { at: patchBytes(), t: Date.now() };
    cut.done = (async () => {
      await stopServer(cutSignal);
      cut.down = Date.now();
      await startServer();
      cut.up = Date.now();
    })();
  };
  const t0 = Date.now();
  await page.locator("form[data-audit] input[type=file]").first().setInputFiles([photo]);
  await until("the cut", async () => cut && (await cut.done, true), 120);
  await until("the photo stored", async () => photosOf(audit) === 1, 300);
  const tEnd = Date.now();
  await sleep(1000);
  onPatchData = null;
  const recs = tus.slice(from);
  const total = patchBytes();
  const stored = sql(`SELECT original_sha256 FROM photos WHERE audit_id = X'${hex(audit)}'`);
  const same = stored === createHash("sha256").update(photo.buffer).digest("hex");
  console.log(`\n2. Resend after a cut: a ${kb(size)} photo (${size} bytes) over ${KBIT} kbit/s up, ${LATENCY} ms latency;` +
    ` the server killed (${cutSignal}) at ${cut.at} PATCH bytes (${pct(cut.at / size)}), up again ${s(cut.up - cut.t)} later`);
  list(recs, t0);
  console.log("| measure | value |");
  console.log("|---|---:|");
  console.log(`| tus requests | ${recs.length} (${byMethod(recs)}; ${recs.filter((r) => r.cut).length} cut) |`);
  console.log(`| PATCH body bytes at the proxy | ${total} |`);
  console.log(`| **sent again (PATCH bytes − file)** | **${total - size} B (${kb(total - size)}; one chunk is ${CHUNK} B)** |`);
  console.log(`| stored photo's SHA-256 is the file's | ${same ? "yes" : "NO"} |`);
  const cutOne = recs.find((r) => r.method === "PATCH" && r.cut);
  const head = recs.find((r) => r.method === "HEAD" && r.status === 200);
  console.log(`| the cut PATCH's body bytes before the kill | ${cutOne ? cutOne.body : "none"} |`);
  console.log(`| Upload-Offset the server answered to HEAD after the cut | ${head ? head.offset : "no HEAD answered"} |`);
  console.log(`| requests cut, and why (at the proxy) | ${recs.filter((r) => r.cut).map((r) => `${r.method} ${r.body} B: ${r.cut}`).join("; ")} |`);
  const lastPatch = recs.filter((r) => r.method === "PATCH").at(-1);
  console.log(`| the last PATCH's last body byte to its answer (the photo pipeline) | ${s(lastPatch.answer - lastPatch.last)} |`);
  console.log(`| from the cut to the photo stored | ${s(tEnd - cut.t)} |`);
  await context.close();
}

await browser.close();
await stopServer();
proxy.close();

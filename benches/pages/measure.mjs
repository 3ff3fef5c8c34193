// Page weight and time to usable on a weak 3G link, at phone width, in Debian's Chromium:
// Chromium's own network emulation (2 s latency, 50 KB/s down, 25 KB/s up), the first visit
// with an empty cache and the repeat visit in the same browser. "Usable" is the load event:
// the page, its styles and scripts are in (map tiles are not counted: no tile server here).
// Usage: node benches/pages/measure.mjs BASE_URL   (benches/pages/run.sh starts a server)
import { chromium } from "playwright-core";

const base = process.argv[2] ?? "http://127.0.0.1:18190";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const phone = { width: 390, height: 844 };

async function weakLink(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  // No tile server is reachable here: tiles are not part of the page's weight. Blocked in
  // Chromium itself: Playwright's request routing would turn the HTTP cache off, and the
  // repeat visit would measure no cache at all.
  await cdp.send("Network.setBlockedURLs", { urls: ["*tile.openstreetmap*", "*/tiles/*"] });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 2000,
    downloadThroughput: 50 * 1024,
    uploadThroughput: 25 * 1024,
  });
  let bytes = 0;
  const urls = new Map();
  cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    // BENCH_VERBOSE=1 lists what crossed the link, to find what a repeat visit asks again.
    if (process.env.BENCH_VERBOSE && e.encodedDataLength > 0) {
      console.error(`  ${(e.encodedDataLength / 1024).toFixed(1)} KB ${urls.get(e.requestId)}`);
    }
  });
  return { take: () => { const b = bytes; bytes = 0; return b; } };
}

async function visit(page, link, path) {
  link.take();
  const started = Date.now();
  await page.goto(`${base}${path}`, { waitUntil: "load", timeout: 120000 });
  const ms = Date.now() - started;
  return { ms, kb: link.take() / 1024 };
}

async function measure(name, path, signIn) {
  const context = await browser.newContext({ viewport: phone, locale: "vi-VN" });
  const page = await context.newPage();
  if (signIn) await signIn(page);
  const link = await weakLink(page);
  const first = await visit(page, link, path);
  // A repeat visit is a later visit, not a reload (a reload revalidates everything).
  await page.goto("about:blank");
  const repeat = await visit(page, link, path);
  console.log(`| ${name} | ${first.kb.toFixed(0)} KB | ${(first.ms / 1000).toFixed(1)} s | ${repeat.kb.toFixed(0)} KB | ${(repeat.ms / 1000).toFixed(1)} s |`);
  await context.close();
}

async function inspector(page) {
  await page.goto(`${base}/login`);
  await page.fill("#username", "bench.inspector");
  await page.fill("#password", "bench inspector password");
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
}

// An inspector starts an audit of a public building from its page, as on a phone.
const setup = await browser.newContext({ viewport: phone, locale: "vi-VN" });
const page = await setup.newPage();
await inspector(page);
const list = await (await page.request.get(`${base}/api/v1/sites?kind=public_building&department=construction&limit=1`)).json();
const site = list.items[0].id;
await page.goto(`${base}/sites/${site}`);
await Promise.all([page.waitForNavigation(), page.click("form.start-audit button[type=submit]")]);
const audit = new URL(page.url()).pathname.split("/")[2];
await setup.close();

console.log("| page | first visit | usable | repeat visit | usable |");
console.log("|---|---:|---:|---:|---:|");
await measure("public home", "/");
await measure("a site page", `/sites/${site}`);
await measure("an audit section (toilets)", `/audits/${audit}/sections/toilet`, inspector);
await browser.close();

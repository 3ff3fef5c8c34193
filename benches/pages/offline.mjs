// Bytes over the wire for an inspector's section page, with the service worker: the first
// visit (the page and what it loads, then what the phone keeps to work offline: the worker,
// its precache and the audit's other pages), and a repeat visit online and offline.
// Everything goes through a counting proxy in front of the server, so requests the service
// worker makes are counted as well as the page's. Compressed, as sent.
// Usage: node benches/pages/offline.mjs BASE_URL   (benches/pages/run.sh starts a server)
import http from "node:http";
import { chromium } from "playwright-core";

const target = new URL(process.argv[2] ?? "http://127.0.0.1:18190");
let bytes = 0;
let requests = 0;
const proxy = http.createServer((req, res) => {
  const upstream = http.request(
    { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
    (answer) => {
      requests += 1;
      // The status line and headers as sent, then the body as sent (compressed).
      const head = 15 + Object.entries(answer.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
      bytes += head;
      let body = 0;
      res.writeHead(answer.statusCode, answer.headers);
      answer.on("data", (chunk) => { bytes += chunk.length; body += chunk.length; });
      // BENCH_LIST=1 names each answer and its size.
      if (process.env.BENCH_LIST) answer.on("end", () => console.error(`  ${req.method} ${req.url} ${answer.statusCode} ${head + body} B`));
      answer.pipe(res);
    }
  );
  req.pipe(upstream);
});
await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${proxy.address().port}`;
const take = () => { const b = { kb: bytes / 1024, n: requests }; bytes = 0; requests = 0; return b; };
const settle = async (ms = 1500) => {
  // Wait until nothing has moved for a while: the worker and the page keep pages after load.
  let last = -1;
  while (last !== bytes) { last = bytes; await new Promise((r) => setTimeout(r, ms)); }
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "vi-VN" });
const page = await context.newPage();
// Signed in through the API: no page is visited before the one measured.
await page.request.post(`${base}/api/v1/session`, {
  data: { username: "bench.inspector", password: "bench inspector password" },
  headers: { Origin: base },
});
const list = await (await page.request.get(`${base}/api/v1/sites?kind=public_building&department=construction&limit=2`)).json();
const started = await page.request.post(`${base}/api/v1/sites/${list.items[1].id}/audits`, {
  data: { key: crypto.randomUUID() },
  headers: { Origin: base },
});
const audit = (await started.json()).id;
const section = `/audits/${audit}/sections/toilet`;
take();

const row = (name, m) => console.log(`| ${name} | ${m.kb.toFixed(1)} KB | ${m.n} |`);
console.log("| section page (toilets), compressed | bytes | requests |");
console.log("|---|---:|---:|");
await page.goto(base + section, { waitUntil: "load" });
row("first visit: the page and what it loads", take());
await page.evaluate(() => navigator.serviceWorker.ready);
await settle();
row("then, kept for offline: worker, its precache, the audit's pages", take());
await page.goto(base + section, { waitUntil: "load" });
await settle(500);
row("repeat visit online (the page asked of the network, the rest from the worker)", take());
await context.setOffline(true);
await page.goto(base + section, { waitUntil: "load" });
row("repeat visit offline", take());
await browser.close();
proxy.close();

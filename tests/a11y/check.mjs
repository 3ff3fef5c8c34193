// Accessibility check of the pages people use: axe-core (WCAG 2.1 A and AA rules) in
// headless Chromium from Debian, plus keyboard checks axe cannot make.
// Usage: node tests/a11y/check.mjs BASE_URL   (tests/a11y/run.sh starts a server for it)
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const base = process.argv[2] ?? "http://127.0.0.1:18089";
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const browser = await chromium.launch({
  executablePath,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

let passed = 0;
let failed = 0;
function report(name, problems) {
  if (problems.length === 0) {
    passed += 1;
    console.log(`ok      ${name}`);
  } else {
    failed += 1;
    console.log(`FAILED  ${name}`);
    for (const p of problems) console.log(`        ${p}`);
  }
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    }),
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`,
  );
}

// The first screen of the pages whose layout the checks measure, kept as pictures for a
// person to look at (TIEPCAN_SCREENS, by default target/screens).
const screens = process.env.TIEPCAN_SCREENS ?? "target/screens";
mkdirSync(screens, { recursive: true });
async function screenshot(page, name) {
  await page.screenshot({ path: `${screens}/${name}.png` });
}

// The map's background tiles come from OpenStreetMap; the checks refuse them, as a phone
// without a connection to the tile server would, so the map must work without them.
const tiles = /tile\.openstreetmap\.org/;

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

const sites = await (await fetch(`${base}/api/v1/sites?limit=1`)).json();
const siteId = sites.items[0]?.id;
if (!siteId) throw new Error("the server has no sites: start it with the demo data");

// A construction building to audit, an audited site for the public page.
const all = (await (await fetch(`${base}/api/v1/sites?limit=500`)).json()).items;
const building = all.find((s) => s.kind === "public_building" && s.department.code === "construction");
let auditedId = null;
let auditedPhoto = null;
for (const s of all) {
  const facts = await (await fetch(`${base}/api/v1/public/sites/${s.id}`)).json();
  if (facts.level !== "unknown" && facts.photos.length > 0) {
    auditedId = s.id;
    auditedPhoto = facts.photos[0].id;
    break;
  }
}
if (!building || !auditedId) throw new Error("the demo has no construction building or no audited site");

const someArea = (await (await fetch(`${base}/ogc/collections/areas/items?limit=1`)).json()).features[0].id;
const publicPages = [
  `/areas/${someArea}`, `/areas/${someArea}?lang=en`, "/areas/01a23492-8908-726e-9135-c5b284ca6150",
  `/sites/${auditedId}`, `/sites/${auditedId}?lang=en`,
  `/sites/${auditedId}/statement`, `/sites/${auditedId}/statement?lang=en`,
  `/sites/${auditedId}/barrier`, `/sites/${auditedId}/barrier?lang=en`, "/barriers/new?lat=21.85&lon=106.76",
  "/", "/?lang=en", "/?feature=toilet&level=accessible", "/?kind=cultural_site&lang=en&limit=5",
  "/?level=great", "/sites", "/sites?q=ga&kind=transport_stop", "/sites?limit=5",
  `/sites/${siteId}`, "/checklists", "/checklists/public-building?lang=en",
  "/checklists/public-building", "/checklists/transport-stop", "/checklists/transport-station?lang=en",
  "/checklists/cultural-site", "/no-such-page",
  "/login", "/login?lang=en",
];
const inspectorPages = ["/sites", "/sites/new", "/sites/new?lang=en", `/sites/${siteId}/edit`, "/account", "/account?lang=en"];
const adminPages = [
  "/admin/departments", "/admin/departments?lang=en", "/admin/people", "/admin/people?lang=en", "/account",
  "/admin/outbox", "/admin/outbox?lang=en",
];
const year = new Date().getFullYear();
const coordinatorPages = [
  "/events", "/events?action=site.create&lang=en",
  "/reports", `/reports?from=${year}-01-01&to=${year}-12-31`,
  `/reports?from=${year}-01-01&to=${year}-12-31&department=construction&lang=en`,
  `/reports?from=${year}-07-01&to=${year}-06-30`, "/reports?from=2000-01-01&to=2000-12-31",
  `/api/v1/reports?from=${year}-01-01&to=${year}-12-31&format=html`,
  `/api/v1/reports?from=${year}-01-01&to=${year}-12-31&format=html&lang=en`,
  "/targets", "/targets?lang=en", "/budget", `/budget?year=${year}&lang=en`,
];

async function signIn(page, username, password) {
  await page.goto(`${base}/login`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
}

for (const viewport of [phone, desktop]) {
  const checks = [
    [null, publicPages],
    [["a11y.inspector", "a11y inspector password"], inspectorPages],
    [["a11y.coordinator", "a11y coordinator password"], coordinatorPages],
    [["a11y.admin", "a11y admin password"], adminPages],
  ];
  for (const [login, paths] of checks) {
    const context = await browser.newContext({ locale: "vi-VN", viewport });
    await context.route(tiles, (route) => route.abort());
    const page = await context.newPage();
    if (login) await signIn(page, ...login);
    for (const path of paths) {
      const response = await page.goto(base + path);
      const problems = await axe(page);
      const refused = path.includes(`to=${year}-06-30`) ? 422 : null;
      if (login && response.status() >= 400 && response.status() !== refused) problems.push(`HTTP ${response.status()}`);
      if (refused && response.status() !== refused) problems.push(`HTTP ${response.status()}, not ${refused}`);
      report(`${path} at ${viewport.width}px${login ? ` as ${login[0]}` : ""}`, problems);
    }
    await context.close();
  }
}

// A person with only a keyboard sends a barrier report from a site page: the form refused
// first says what is wrong and keeps what was typed; sent, the report's own page says it
// was received. The place's department confirms it as a new finding, and the sender
// follows it to "confirmed" on its page. Axe on each step, at phone and desktop width.
{
  const page = await browser.newPage({ locale: "vi-VN", viewport: phone });
  let problems = [];
  await page.goto(`${base}/sites/${auditedId}`);
  await page.focus(`a[href="/sites/${auditedId}/barrier"]`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  problems = problems.concat(await axe(page));
  // Nothing chosen, a short description: sent with the keyboard.
  await page.focus("#description");
  await page.keyboard.type("Bậc");
  await new Promise((r) => setTimeout(r, 3200)); // a person takes a few seconds
  await page.keyboard.press("Tab"); // the contact
  await page.keyboard.press("Tab"); // the photo
  const onPhoto = await page.evaluate(() => document.activeElement && document.activeElement.id === "photo");
  if (!onPhoto) problems.push("the keyboard does not go from the contact to the photo");
  await page.keyboard.press("Tab"); // the hidden field is skipped: the button
  const onButton = await page.evaluate(() => document.activeElement && document.activeElement.type === "submit");
  if (!onButton) problems.push("the keyboard does not go from the photo to the send button");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  problems = problems.concat(await axe(page));
  const summary = await page.$(".error-summary[role=alert]");
  if (!summary) problems.push("the refused form has no error summary");
  if ((await page.inputValue("#description")) !== "Bậc") problems.push("what was typed is not kept");
  await screenshot(page, "barrier-report-refused");
  // The first feature, by keyboard, and a description long enough.
  await page.focus("#feature-0");
  await page.keyboard.press("Space");
  await page.focus("#description");
  await page.keyboard.press("Control+End"); // after what was kept
  await page.keyboard.type(" cao ở lối vào chính, không có dốc.");
  await new Promise((r) => setTimeout(r, 3200));
  await page.focus("#photo");
  await page.keyboard.press("Tab");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  if (!/\/barriers\/[0-9a-f]{32}\?sent=1$/.test(page.url())) problems.push(`not on the report's page: ${page.url()}`);
  const reportPage = page.url().replace(/\?sent=1$/, "");
  const said = await page.textContent("[role=status]").catch(() => "");
  if (!/Đã nhận phản ánh/.test(said || "")) problems.push(`the page does not say it was received: "${said}"`);
  problems = problems.concat(await axe(page));
  await page.setViewportSize(desktop);
  problems = problems.concat(await axe(page));
  await screenshot(page, "barrier-report-sent");
  report("a barrier report sent with the keyboard, at 390px and 1280px", problems);

  // The place's department confirms it as a new finding on an item no finding stands on.
  const department = all.find((s) => s.id === auditedId).department.code;
  const moderator = await browser.newPage({ locale: "vi-VN", viewport: phone });
  await signIn(moderator, `a11y.reviewer.${department}`, "a11y reviewer password");
  problems = [];
  await moderator.goto(`${base}/moderation/barriers`);
  await Promise.all([moderator.waitForNavigation(), moderator.click("main ul.queue-list a")]);
  for (const viewport of [phone, desktop]) {
    await moderator.setViewportSize(viewport);
    problems = problems.concat(await axe(moderator));
  }
  await moderator.setViewportSize(phone);
  await screenshot(moderator, "barrier-moderation");
  const standing = await moderator.$$eval("#finding option", (os) => os.map((o) => o.textContent.split(" — ")[0]));
  const items = await moderator.$$eval("#item option", (os) => os.map((o) => o.value).filter((v) => v));
  const item = items.find((i) => !standing.includes(i));
  if (!item) problems.push("no checklist item to confirm the report on");
  await moderator.check("input[name=answer][value=confirm]");
  await moderator.selectOption("#finding", "new");
  await moderator.selectOption("#item", item ?? "");
  await moderator.check("input[name=publication][value=accepted]");
  await Promise.all([moderator.waitForNavigation(), moderator.click("#answer-form button[type=submit]")]);
  if (!(await moderator.$("main .success[role=status]"))) problems.push("the confirmation is not saved");
  problems = problems.concat(await axe(moderator));
  report("the department confirms a report as a new finding, at 390px and 1280px", problems);
  await moderator.close();

  // The sender, with the keyboard, follows it to "confirmed".
  problems = [];
  await page.setViewportSize(phone);
  await page.goto(reportPage);
  const confirmed = await page.textContent(".report-state");
  if (!/Đã xác nhận là rào cản/.test(confirmed || "")) problems.push(`the report's page does not say confirmed: "${confirmed}"`);
  const fix = await page.textContent(".fix-state").catch(() => "");
  if (!/Mới phát hiện/.test(fix || "")) problems.push(`the fix's state is not shown: "${fix}"`);
  for (const viewport of [phone, desktop]) {
    await page.setViewportSize(viewport);
    problems = problems.concat(await axe(page));
  }
  await page.setViewportSize(phone);
  await screenshot(page, "barrier-report-confirmed");
  report("the sender follows the report to confirmed, at 390px and 1280px", problems);
  await page.close();
}

// The coordinators' queue of reports of places in no registry, a report to answer, and
// the answer refused for want of a reason; then answered, the public page follows.
{
  const sent = await fetch(`${base}/api/v1/barrier-reports`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ features: ["path"], description: "Vỉa hè trước chợ bị vỡ, xe lăn không qua được.", lat: 21.85, lon: 106.76 }),
  });
  const publicUrl = (await sent.json()).url;
  const page = await browser.newPage({ locale: "vi-VN", viewport: phone });
  await signIn(page, "a11y.coordinator", "a11y coordinator password");
  let problems = [];
  for (const viewport of [phone, desktop]) {
    await page.setViewportSize(viewport);
    await page.goto(`${base}/moderation/barriers`);
    problems = problems.concat(await axe(page));
  }
  await page.setViewportSize(phone);
  await Promise.all([page.waitForNavigation(), page.click("main ul.queue-list a")]);
  problems = problems.concat(await axe(page));
  await page.check("input[name=answer][value=not_a_barrier]");
  await Promise.all([page.waitForNavigation(), page.click("#answer-form button[type=submit]")]);
  problems = problems.concat(await axe(page));
  if (!(await page.$(".error-summary a[href='#reason']"))) problems.push("the missing reason is not linked from the summary");
  await screenshot(page, "barrier-answer-refused");
  await page.check("input[name=answer][value=not_a_barrier]");
  await page.fill("#reason", "Đoạn vỉa hè này đã được sửa tuần trước.");
  await Promise.all([page.waitForNavigation(), page.click("#answer-form button[type=submit]")]);
  problems = problems.concat(await axe(page));
  await page.goto(publicUrl.replace(/^https?:\/\/[^/]+/, base));
  const state = await page.textContent(".report-state");
  if (!/Không phải rào cản/.test(state || "")) problems.push(`the public page does not follow: "${state}"`);
  problems = problems.concat(await axe(page));
  report("the coordinators' report queue and an answer, at 390px and 1280px", problems);
  await page.close();
}

// A coordinator enters a target with the keyboard: a share over 100 is refused on its
// field with what was typed kept; corrected, it is saved and the report of the year holds
// the figures against it; the year's budget page lists each department.
{
  const page = await browser.newPage({ locale: "vi-VN", viewport: phone });
  await signIn(page, "a11y.coordinator", "a11y coordinator password");
  await page.goto(`${base}/targets`);
  let problems = await axe(page);
  await page.focus("#target-year");
  await page.keyboard.type(String(year));
  await page.selectOption("#target-measure", "audited");
  await page.fill("#target-share", "120");
  await page.fill("#target-programme", "Kế hoạch 2020 của UBND tỉnh, mục II.1");
  await page.focus("#target-programme");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  problems = problems.concat(await axe(page));
  if (!(await page.$(".error-summary a[href='#target-share']"))) problems.push("the share over 100 is not linked from the summary");
  if ((await page.inputValue("#target-programme")) === "") problems.push("the programme typed was lost");
  await screenshot(page, "target-refused");
  await page.fill("#target-share", "80");
  await Promise.all([page.waitForNavigation(), page.click("main form[action='/targets'] button[type=submit]")]);
  problems = problems.concat(await axe(page));
  if (!(await page.textContent("main")).includes("Kế hoạch 2020 của UBND tỉnh, mục II.1")) problems.push("the saved target is not listed");
  await screenshot(page, "targets");
  for (const viewport of [phone, desktop]) {
    await page.setViewportSize(viewport);
    await page.goto(`${base}/reports?from=${year}-01-01&to=${year}-12-31`);
    problems = problems.concat(await axe(page));
    if (!(await page.textContent("main")).includes("Kết quả so với chỉ tiêu")) problems.push("the report holds no target");
    await page.goto(`${base}/budget`);
    problems = problems.concat(await axe(page));
  }
  await page.setViewportSize(phone);
  await screenshot(page, "budget");
  report("a target entered with the keyboard, the report and the budget, at 390px and 1280px", problems);
  await page.close();
}

// A failed sign-in: the message is announced and tied to the field.
{
  const page = await browser.newPage({ locale: "vi-VN", viewport: phone });
  await signIn(page, "a11y.inspector", "wrong password");
  const problems = await axe(page);
  const described = await page.getAttribute("#username", "aria-describedby");
  if (described !== "login-error") problems.push(`username not described by the error: ${described}`);
  report("failed sign-in", problems);
  await page.close();
}

// The administrators' refused forms: the form comes back open, each problem beside its
// field and tied to it, and the page passes axe as it is.
{
  const page = await browser.newPage({ locale: "vi-VN", viewport: phone });
  await signIn(page, "a11y.admin", "a11y admin password");
  await page.goto(`${base}/admin/departments`);
  await Promise.all([page.waitForNavigation(), page.click("section[aria-labelledby=new-title] button[type=submit]")]);
  let problems = await axe(page);
  const described = await page.getAttribute("#new-code", "aria-describedby");
  if (described !== "new-code-hint new-code-error") problems.push(`code not described by its error: ${described}`);
  report("refused new department at 390px", problems);
  await page.goto(`${base}/admin/people`);
  await page.fill("#many-csv", "username,role\nx,boss\n");
  await Promise.all([page.waitForNavigation(), page.click("section[aria-labelledby=many-title] button[type=submit]")]);
  problems = await axe(page);
  if ((await page.textContent("#many-report")).indexOf("2") < 0) problems.push("the bad line is not named");
  report("refused people file at 390px", problems);
  // The outbox (run.sh put a message in it), as a phone shows it.
  await page.goto(`${base}/admin/outbox`);
  problems = await axe(page);
  if ((await page.locator("main li.card").count()) < 1) problems.push("the outbox shows no message");
  await screenshot(page, "admin-outbox");
  report("the outbox with a message at 390px", problems);
  await page.close();
}

// My mail settings: a bad address refused on its field with what was typed, then saved;
// the digest switch and the language reached with the keyboard. Axe at both widths.
for (const viewport of [phone, desktop]) {
  const page = await browser.newPage({ locale: "vi-VN", viewport });
  await signIn(page, "a11y.inspector", "a11y inspector password");
  await page.goto(`${base}/account`);
  let problems = await axe(page);
  if (viewport === phone) await screenshot(page, "account-mail");
  await page.fill("#email", "kiem tra@langson");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/account/mail'] button[type=submit]")]);
  problems = problems.concat(await axe(page));
  const described = await page.getAttribute("#email", "aria-describedby");
  if (described !== "email-hint email-error") problems.push(`email not described by its error: ${described}`);
  if ((await page.inputValue("#email")) !== "kiem tra@langson") problems.push("what was typed is not given back");
  if (viewport === phone) {
    await page.evaluate(() => document.querySelector("#mail-title").scrollIntoView());
    await screenshot(page, "account-mail-refused");
  }
  await page.fill("#email", "kiemtra@langson.gov.vn");
  // The box is toggled with the space bar (the first width turns it off, the second on).
  const digestWas = await page.isChecked("#digest");
  await page.focus("#digest");
  await page.keyboard.press("Space");
  await page.check("#lang-en");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/account/mail'] button[type=submit]")]);
  problems = problems.concat(await axe(page));
  if ((await page.isChecked("#digest")) === digestWas) problems.push("the digest box did not change");
  if (!(await page.isChecked("#lang-en"))) problems.push("English is not kept");
  report(`my mail settings refused then saved at ${viewport.width}px`, problems);
  await page.close();
}

// The report's charts: each is an image named by its title and description, with its
// numbers in the table right after it; the tables' boxes are reachable by keyboard.
{
  const context = await browser.newContext({ locale: "vi-VN", viewport: desktop });
  const page = await context.newPage();
  await signIn(page, "a11y.coordinator", "a11y coordinator password");
  await page.goto(`${base}/api/v1/reports?from=${year}-01-01&to=${year}-12-31&format=html`);
  const problems = await page.evaluate(() => {
    const out = [];
    const charts = [...document.querySelectorAll("figure.chart")];
    if (charts.length !== 2) out.push(`${charts.length} charts, not 2`);
    for (const figure of charts) {
      const svg = figure.querySelector("svg[role=img]");
      const title = svg?.querySelector("title")?.textContent.trim();
      const desc = svg?.querySelector("desc")?.textContent.trim();
      if (!title || !desc) out.push("a chart without its title and description");
      const ids = (svg?.getAttribute("aria-labelledby") || "").split(" ");
      if (!ids.every((id) => document.getElementById(id))) out.push(`chart "${title}" is named by missing ids`);
      const next = figure.nextElementSibling;
      if (!next?.matches(".table-wrap[tabindex='0']") || !next.querySelector("table tbody tr")) {
        out.push(`chart "${title}" has no table beside it`);
      }
    }
    if (document.querySelector("script")) out.push("the report runs a script");
    return out;
  });
  problems.push(...(await axe(page)));
  report("report: each chart carries its title, description and table", problems);
  await context.close();
}

// Keyboard: the first Tab reaches the skip link, which is visible when focused and moves
// focus to the main content.
{
  const page = await browser.newPage({ locale: "vi-VN", viewport: phone });
  await page.goto(`${base}/sites`);
  await page.keyboard.press("Tab");
  const problems = [];
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return { cls: el.className, top: box.top, height: box.height, outline: getComputedStyle(el).outlineStyle };
  });
  if (focused.cls !== "skip-link") problems.push(`first Tab focused .${focused.cls}, not the skip link`);
  if (focused.top < 0 || focused.height === 0) problems.push("the focused skip link is not visible");
  if (focused.outline === "none") problems.push("no visible focus outline");
  await page.keyboard.press("Enter");
  const target = await page.evaluate(() => document.activeElement.id);
  if (target !== "main") problems.push(`skip link moved focus to #${target}, not #main`);
  report("keyboard: skip link", problems);
  await page.close();
}

// The interactive map, at both widths, with the tiles refused: on a phone the first screen
// shows the count and the first site, with the map folded after the list until opened; on
// a desk it is open beside the list. Its markers still come, each site marker is a named
// button, the status line says what it shows and that the background is missing, and axe
// finds nothing on the page with the map drawn.
for (const viewport of [phone, desktop]) {
  const context = await browser.newContext({ locale: "vi-VN", viewport });
  await context.route(tiles, (route) => route.abort());
  const page = await context.newPage();
  const problems = [];
  await page.goto(`${base}/`);
  const first = await page.evaluate(() => {
    // How far down an element ends, if it is drawn and nothing covers it; else Infinity.
    const bottom = (sel) => {
      const el = document.querySelector(sel);
      // The first line's box: a link over two lines has a gap in its bounding box.
      const line = el?.getClientRects()[0];
      if (!line || line.width === 0 || line.height === 0) return Infinity;
      const seen = document.elementFromPoint(line.left + Math.min(line.width, 40) / 2, line.top + line.height / 2);
      return el.contains(seen) ? el.getBoundingClientRect().bottom : Infinity;
    };
    return {
      count: bottom(".home-count"), site: bottom("ul.site-list li a"),
      folded: !document.querySelector("#map-fold")?.open, shown: !document.querySelector("#map-panel")?.hidden,
    };
  });
  if (!first.shown) problems.push("the map's panel stayed hidden with its script running");
  await screenshot(page, `home-${viewport.width}`);
  if (viewport === phone) {
    if (first.count > phone.height || first.site > phone.height) {
      problems.push(`the first screen does not show the count and the first site (${first.count}, ${first.site} px down)`);
    }
    if (!first.folded) problems.push("on a phone the map is not folded after the list");
    await page.click("#map-fold > summary");
  } else if (first.folded) problems.push("on a desk the map is folded");
  try {
    await page.waitForSelector("#map .leaflet-marker-icon", { timeout: 10000 });
    await page.waitForFunction(() => document.querySelector("#map-status").textContent.includes("Không tải được nền"), null, { timeout: 10000 });
    await page.waitForSelector("#map .map-legend", { timeout: 10000 });
  } catch (e) {
    problems.push(`the map did not draw its markers, legend and status without tiles: ${e.message.split("\n")[0]}`);
  }
  const status = await page.textContent("#map-status");
  const counted = status.match(/(\d+) địa điểm và (\d+) cụm/);
  if (!counted || Number(counted[1]) + Number(counted[2]) === 0) problems.push(`the status line does not count what the map shows: "${status}"`);
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("#map .leaflet-marker-icon")].filter((m) => !m.textContent.trim()).length,
  );
  if (unnamed > 0) problems.push(`${unnamed} markers without a name`);
  // Zoom in to single sites: each is named by its site and level.
  await page.evaluate(() => document.querySelector("#map").scrollIntoView());
  const zoomIn = page.locator("#map .leaflet-control-zoom-in");
  for (let i = 0; i < 6; i += 1) await zoomIn.click();
  await page.waitForTimeout(800);
  const names = new Set(all.map((s) => s.name));
  const spoken = await page.evaluate(() =>
    [...document.querySelectorAll("#map .map-site .visually-hidden")].map((n) => n.textContent),
  );
  if (spoken.length === 0) problems.push("zoomed in, the map shows no single site");
  // Never colour alone: each site marker carries its level's shape, as the legend shows.
  const shapes = await page.evaluate(() =>
    [...document.querySelectorAll("#map .map-site")].map((m) => [
      [...m.classList].find((c) => c.startsWith("level-")), m.querySelector(".map-mark")?.textContent,
    ]),
  );
  const shapeOf = { "level-accessible": "●", "level-partly": "◐", "level-not_accessible": "✕", "level-unknown": "?" };
  for (const [level, mark] of shapes) {
    if (shapeOf[level] !== mark) problems.push(`a ${level} marker shows "${mark}", not ${shapeOf[level]}`);
  }
  for (const text of spoken) {
    const name = text.slice(0, text.lastIndexOf(": "));
    if (!names.has(name)) problems.push(`a site marker is not named by its site: "${text}"`);
  }
  problems.push(...(await axe(page)));
  // An area's popup offers to report a barrier at the point touched (a place in no registry);
  // axe reads it once it has faded in.
  await page.evaluate(() => {
    const area = document.querySelector("#map path.leaflet-interactive");
    if (!area) return;
    const box = area.getBoundingClientRect();
    const at = { bubbles: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 };
    area.dispatchEvent(new MouseEvent("click", at));
  });
  const reportHere = await page
    .waitForSelector(".leaflet-popup a[href^='/barriers/new?lat=']", { timeout: 3000 })
    .then((a) => a.getAttribute("href"))
    .catch(() => null);
  if (!reportHere || !/^\/barriers\/new\?lat=-?\d+\.\d{6}&lon=-?\d+\.\d{6}$/.test(reportHere)) {
    problems.push(`an area's popup does not link the report form at the point: ${reportHere}`);
  }
  await page.waitForTimeout(800);
  problems.push(...(await axe(page)).map((p) => `with the area popup open: ${p}`));
  report(`/ with the map drawn at ${viewport.width}px, tiles refused`, problems);
  await context.close();
}

// Keyboard on the map: the list comes before the map, so Tab from the filters reaches the
// first site before anything of the map; from the end of the list Tab goes into the map
// and reaches its markers, and a marker reached by Tab opens with Enter (a cluster zooms in).
{
  const context = await browser.newContext({ locale: "vi-VN", viewport: desktop });
  await context.route(tiles, (route) => route.abort());
  const page = await context.newPage();
  const problems = [];
  await page.goto(`${base}/`);
  await page.waitForSelector("#map .leaflet-marker-icon", { timeout: 10000 }).catch(() => {});
  await page.focus("form.filters button[type=submit]");
  let reached = "";
  for (let i = 0; i < 10 && !reached; i += 1) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() =>
      document.activeElement?.matches("ul.site-list a") ? "list" : document.activeElement?.closest("#map-panel") ? "map" : "");
  }
  if (reached !== "list") problems.push(`Tab from the filters reached ${reached || "neither"} first, not the list`);
  await page.focus("ul.site-list li:last-child > a");
  let onMarker = false;
  for (let i = 0; i < 15 && !onMarker; i += 1) {
    await page.keyboard.press("Tab");
    onMarker = await page.evaluate(() => document.activeElement?.matches("#map .leaflet-marker-icon") ?? false);
  }
  if (!onMarker) problems.push("Tab from the end of the list does not reach a marker of the map");
  const cluster = page.locator("#map .map-cluster").first();
  if ((await cluster.count()) === 0) problems.push("no cluster at the province's zoom");
  else await cluster.focus();
  const name = await page.evaluate(() => document.activeElement?.textContent ?? "");
  if (!name.includes("địa điểm gần nhau")) problems.push(`the focused cluster is not named: "${name}"`);
  const status = await page.textContent("#map-status");
  await page.keyboard.press("Enter");
  const changed = await page
    .waitForFunction((was) => document.querySelector("#map-status").textContent !== was, status, { timeout: 5000 })
    .then(() => true, () => false);
  if (!changed) problems.push("Enter on a cluster did not zoom in (the status line stayed the same)");
  // Zoomed in to single sites, Enter on one opens its popup and takes the focus to its link.
  const zoomIn = page.locator("#map .leaflet-control-zoom-in");
  for (let i = 0; i < 8 && (await page.locator("#map .map-site").count()) === 0; i += 1) {
    await zoomIn.click();
    await page.waitForTimeout(500);
  }
  const site = page.locator("#map .map-site").first();
  if ((await site.count()) === 0) problems.push("no single site marker when zoomed in");
  else {
    await site.focus();
    const siteName = await page.evaluate(() => document.activeElement?.textContent ?? "");
    await page.keyboard.press("Enter");
    const link = await page
      .waitForFunction(() => document.activeElement?.closest(".leaflet-popup") ? document.activeElement.getAttribute("href") : null, null, { timeout: 3000 })
      .then((h) => h.jsonValue(), () => null);
    if (!link || !link.startsWith(`${base}/sites/`) && !link.includes("/sites/")) problems.push(`Enter on "${siteName}" did not focus the link to its page (${link})`);
  }
  report("keyboard: the list before the map, and a marker opens with Enter", problems);
  await context.close();
}

// Keyboard and position, no map: the nearest accessible toilet. From the home page, choose
// the toilet, ask for the sites near me, land on the list, open the first (nearest) site and
// find on its page that its toilet works.
{
  const context = await browser.newContext({
    locale: "vi-VN", viewport: phone,
    geolocation: { latitude: 21.8537, longitude: 106.7615 }, permissions: ["geolocation"],
  });
  await context.route(tiles, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const problems = [];
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press("Tab");
    reached = (await page.evaluate(() => document.activeElement?.id ?? "")) === "home-feature";
  }
  if (!reached) problems.push("Tab never reached the feature filter");
  const toiletLabel = await page.evaluate(
    () => [...document.querySelectorAll("#home-feature option")].find((o) => o.value === "toilet")?.textContent ?? "",
  );
  await page.keyboard.type(toiletLabel.slice(0, 6));
  let onNear = false;
  for (let i = 0; i < 10 && !onNear; i += 1) {
    await page.keyboard.press("Tab");
    onNear = await page.evaluate(() => document.activeElement?.matches("form.filters button[data-near]") ?? false);
  }
  if (!onNear) problems.push("Tab never reached the sites-near-me button");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const url = new URL(page.url());
  if (url.searchParams.get("feature") !== "toilet" || !url.searchParams.get("near")) problems.push(`not sent with the toilet and the position: ${page.url()}`);
  const said = await page.textContent(".home-list");
  if (!said.includes("gần vị trí của bạn nhất")) problems.push("the list does not say it is sorted by distance");
  const first = await page.evaluate(() => document.querySelector("ul.site-list li")?.textContent ?? "");
  if (!/ · \d+(,\d)? (m|km)/.test(first)) problems.push(`the nearest site does not give its distance: "${first}"`);
  if (url.hash !== "#home-list") problems.push(`the filter did not land on the list: ${page.url()}`);
  let onSite = false;
  for (let i = 0; i < 8 && !onSite; i += 1) {
    await page.keyboard.press("Tab");
    onSite = await page.evaluate(() => document.activeElement?.matches("ul.site-list li:first-child a[href^='/sites/']") ?? false);
  }
  if (!onSite) problems.push("from the list's heading, Tab did not reach the nearest site");
  problems.push(...(await axe(page)));
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const toilet = await page.evaluate(() =>
    [...document.querySelectorAll("ul.features li")].map((li) => li.textContent).find((t) => t.includes("Nhà vệ sinh")) ?? "",
  );
  if (!toilet.includes("dùng được")) problems.push(`the nearest site's page does not say its toilet works: "${toilet}"`);
  report("keyboard: home -> accessible toilet -> near me -> nearest site page", problems);
  await context.close();
}

// Keyboard alone, no map: from the home page, ask for an accessible toilet, submit, open
// the first site of the list and find on its page that its toilet works. (Every context
// asks for Vietnamese, as people here do; the English pages are visited with ?lang=en.)
{
  const context = await browser.newContext({ locale: "vi-VN", viewport: phone });
  await context.route(tiles, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const problems = [];
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? "");
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press("Tab");
    reached = (await focusedId()) === "home-feature";
  }
  if (!reached) problems.push("Tab never reached the feature filter");
  // A select is changed from the keyboard by typing: choose the toilet option.
  const toiletLabel = await page.evaluate(
    () => [...document.querySelectorAll("#home-feature option")].find((o) => o.value === "toilet")?.textContent ?? "",
  );
  await page.keyboard.type(toiletLabel.slice(0, 6));
  const chosen = await page.evaluate(() => document.querySelector("#home-feature").value);
  if (chosen !== "toilet") problems.push(`typing chose ${chosen}, not toilet`);
  // Tab to the submit button and press Enter.
  let onButton = false;
  for (let i = 0; i < 10 && !onButton; i += 1) {
    await page.keyboard.press("Tab");
    onButton = await page.evaluate(() => document.activeElement?.matches("form.filters button[type=submit]") ?? false);
  }
  if (!onButton) problems.push("Tab never reached the filter button");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  if (!page.url().includes("feature=toilet")) problems.push(`the filter was not sent: ${page.url()}`);
  const said = await page.textContent(".home-count");
  if (!/\d+ địa điểm phù hợp với bộ lọc/.test(said)) problems.push(`the list does not say how many match: "${said}"`);
  // Tab to the first site of the list and open it.
  let onSite = false;
  for (let i = 0; i < 60 && !onSite; i += 1) {
    await page.keyboard.press("Tab");
    onSite = await page.evaluate(() => document.activeElement?.matches("ul.site-list a[href^='/sites/']") ?? false);
  }
  if (!onSite) problems.push("Tab never reached a site of the list");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const toilet = await page.evaluate(() =>
    [...document.querySelectorAll("ul.features li")].map((li) => li.textContent).find((t) => t.includes("Nhà vệ sinh")) ?? "",
  );
  if (!toilet.includes("dùng được")) {
    problems.push(`the site page does not say its toilet works: "${toilet}" at ${page.url()}`);
  }
  problems.push(...(await axe(page)));
  report("keyboard: home -> accessible toilet -> list -> site page", problems);
  await context.close();
}

// A refused form: the error summary and the field errors pass axe too, and every invalid
// field is described by its error.
{
  const page = await browser.newPage({ locale: "vi-VN", viewport: phone });
  await signIn(page, "a11y.inspector", "a11y inspector password");
  await page.goto(`${base}/sites/new`);
  await page.fill("#name", "Thử nghiệm");
  await page.fill("#lat", "91");
  await page.fill("#lon", "abc");
  await Promise.all([page.waitForNavigation(), page.click("main button[type=submit]")]);
  const problems = await axe(page);
  const unwired = await page.evaluate(() =>
    [...document.querySelectorAll("[aria-invalid=true]")]
      .filter((el) => !(el.getAttribute("aria-describedby") ?? "").includes(`${el.id}-error`))
      .map((el) => el.id),
  );
  if (unwired.length) problems.push(`invalid fields without their error: ${unwired.join(", ")}`);
  const count = await page.locator("[aria-invalid=true]").count();
  if (count < 2) {
    const text = (await page.textContent("main")) ?? "";
    problems.push(`expected lat and lon marked invalid, found ${count} at ${page.url()}: ${text.slice(0, 200)}`);
  }
  report("refused site form", problems);
  await page.close();
}

// The inspector's day, on a phone that knows where it is: sites near me, start an audit
// from the site page (the position goes with it), fill a section, have a value refused,
// the summary, the list.
{
  const context = await browser.newContext({
    locale: "vi-VN",
    viewport: phone,
    geolocation: { latitude: building.lat, longitude: building.lon, accuracy: 15 },
    permissions: ["geolocation"],
  });
  const page = await context.newPage();
  await signIn(page, "a11y.inspector", "a11y inspector password");
  await page.goto(`${base}/audits`);
  await Promise.all([page.waitForNavigation(), page.click("button[data-near]")]);
  {
    const problems = await axe(page);
    const url = new URL(page.url());
    if (url.pathname !== "/sites" || !url.searchParams.get("near")) problems.push(`near me opened ${page.url()}`);
    const first = await page.textContent("main .site-list li a");
    if (first?.trim() !== building.name) problems.push(`nearest is ${first}, not ${building.name}`);
    report("sites near me (script, with the browser's position)", problems);
  }
  await page.goto(`${base}/sites/${building.id}`);
  report(`/sites/{building} at 390px as a11y.inspector`, await axe(page));
  await Promise.all([page.waitForNavigation(), page.click("form.start-audit button[type=submit]")]);
  const id = new URL(page.url()).pathname.split("/")[2];
  {
    const audit = await (await page.request.get(`${base}/api/v1/audits/${id}`)).json();
    const problems = [];
    if (!audit.fix || Math.abs(audit.fix.lat - building.lat) > 1e-4) problems.push(`fix: ${JSON.stringify(audit.fix)}`);
    report("the audit keeps the browser's position", problems);
  }
  const inspectorAudit = [
    `/audits/${id}/sections/parking`, `/audits/${id}/sections/entrance`,
    `/audits/${id}/sections/toilet?lang=en`, `/audits/${id}`, `/audits/${id}/summary`, "/audits",
    "/audits?lang=en",
  ];
  for (const viewport of [desktop, phone]) {
    await page.setViewportSize(viewport);
    for (const path of inspectorAudit) {
      const response = await page.goto(base + path);
      const problems = await axe(page);
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (wide > 0) problems.push(`the page is ${wide}px wider than the screen`);
      report(`${path.replace(id, "{id}")} at ${viewport.width}px as a11y.inspector`, problems);
    }
  }
  // A photo, then the page that asks before removing it.
  await page.goto(`${base}/audits/${id}/sections/entrance`);
  await page.setInputFiles("#photo-entrance\\.accessible_entrance", {
    name: "entrance.jpg", mimeType: "image/jpeg", buffer: Buffer.from(await (await fetch(`${base}/api/v1/public/photos/${auditedPhoto}/display`)).arrayBuffer()),
  });
  await Promise.all([page.waitForNavigation(), page.click("main button[value=stay]")]);
  report("section with a photo sent", await axe(page));
  await Promise.all([page.waitForNavigation(), page.click("main .thumbs a")]);
  report("removing a photo: the question", await axe(page));
  await Promise.all([page.waitForNavigation(), page.click("main form button[type=submit]")]);
  {
    const problems = await axe(page);
    if (!page.url().includes("done=photo_removed")) problems.push(`after removing: ${page.url()}`);
    report("removing a photo: done", problems);
  }
  await page.goto(`${base}/audits/${id}/sections/entrance`);
  await page.fill("#value-entrance\\.door_width", "-5");
  await Promise.all([page.waitForNavigation(), page.click("main button[value=stay]")]);
  const problems = await axe(page);
  if (!(await page.locator(".error-summary").count())) problems.push("no error summary");
  report("refused section form", problems);
  // At phone width the save bar is in reach on the first screen of a long section, above
  // nothing else, and the header leaves the screen to the work.
  {
    await page.goto(`${base}/audits/${id}/sections/toilet`);
    const problems = await page.evaluate(() => {
      const out = [];
      const bar = document.querySelector(".save-bar");
      const box = bar?.getBoundingClientRect();
      if (!box) return ["no save bar"];
      if (box.top >= innerHeight || box.bottom > innerHeight + 1) out.push(`the save bar is at ${box.top}-${box.bottom}, not on the first screen`);
      const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!bar.contains(seen)) out.push("the save bar is covered");
      const header = document.querySelector(".site-header").getBoundingClientRect().height;
      if (header > innerHeight * 0.15) out.push(`the header takes ${Math.round((header / innerHeight) * 100)} % of the screen`);
      return out;
    });
    await screenshot(page, "section-390");
    report("section at 390px: the save bar on the first screen, a compact header", problems);
  }
  // A length ten times off: saved, and the section asks about it at the item.
  {
    await page.goto(`${base}/audits/${id}/sections/ramp`);
    await page.check("#applies-yes");
    await page.check("#result-pass-ramp\\.handrails_both_sides");
    await page.fill("#value-ramp\\.handrail_height", "90");
    await Promise.all([page.waitForNavigation(), page.click("main button[value=next]")]);
    const problems = await axe(page);
    const url = new URL(page.url());
    if (url.pathname !== `/audits/${id}/sections/ramp` || url.hash !== "#item-ramp.handrail_height") problems.push(`landed on ${page.url()}`);
    if (!(await page.locator("#warning-ramp\\.handrail_height").count())) problems.push("no warning at the item");
    const described = await page.getAttribute("#value-ramp\\.handrail_height", "aria-describedby");
    if (!described?.includes("warning-ramp.handrail_height")) problems.push(`the value is not described by its warning: ${described}`);
    report("section with a warning (a length ten times off)", problems);
  }
  // A save that fails outright: a signed-in page that says so and links back.
  {
    const failed = await page.request.post(`${base}/audits/${id}/sections/entrance`, {
      headers: { "content-type": "multipart/form-data; boundary=x", origin: base },
      data: Buffer.from('--x\r\nContent-Disposition: form-data; name="value.entr'),
    });
    const html = await failed.text();
    await page.goto(`${base}/audits/${id}`);
    await page.setContent(html);
    const problems = await axe(page);
    if (failed.status() !== 400) problems.push(`HTTP ${failed.status()}, not 400`);
    if (!(await page.locator(`main a[href="/audits/${id}/sections/entrance"]`).count())) problems.push("no link back to the section");
    if (!(await page.locator(".site-header form[action='/logout']").count())) problems.push("the page looks signed out");
    report("a section save that failed", problems);
  }
  await Promise.all([page.waitForNavigation(), page.goto(`${base}/audits/${id}/summary`)]);
  await Promise.all([page.waitForNavigation(), page.click("main form button[type=submit]")]);
  report("summary after a refused submit", await axe(page));
  await context.close();
}

// The reviewer: the queue, a submitted audit's review view, and a return without comment.
{
  const context = await browser.newContext({ locale: "vi-VN", viewport: phone });
  const page = await context.newPage();
  await signIn(page, "a11y.coordinator", "a11y coordinator password");
  const queue = await (await page.request.get(`${base}/api/v1/audits?state=submitted`)).json();
  const waiting = queue.items[0];
  if (!waiting) throw new Error("the demo has no submitted audit");
  await context.close();
  const reviewing = await browser.newContext({ locale: "vi-VN", viewport: phone });
  const rp = await reviewing.newPage();
  await signIn(rp, `a11y.reviewer.${waiting.department.code}`, "a11y reviewer password");
  for (const viewport of [desktop, phone]) {
    await rp.setViewportSize(viewport);
    for (const path of ["/audits", `/audits/${waiting.id}/review`, `/audits/${waiting.id}/review?lang=en`, `/audits/${waiting.id}`]) {
      const response = await rp.goto(base + path);
      const problems = await axe(rp);
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}`);
      if (path.endsWith("/review") && !(await rp.locator("#attention").count())) problems.push("nothing first");
      report(`${path.replace(waiting.id, "{id}")} at ${viewport.width}px as a reviewer`, problems);
    }
  }
  await rp.goto(`${base}/audits/${waiting.id}/review`);
  await rp.check("#decision-return");
  await Promise.all([rp.waitForNavigation(), rp.click("form.review button[type=submit]")]);
  const problems = await axe(rp);
  if (!(await rp.locator("#comment-error").count())) problems.push("no comment error");
  report("refused review (return without comment)", problems);
  // Returned with a comment: the comment heads the audit's page; the review of the
  // returned audit says what changed since (nothing yet).
  {
    await rp.goto(`${base}/audits/${waiting.id}/review`);
    await rp.check("#decision-return");
    await rp.fill("#comment", "Chụp lại ảnh lối vào.");
    await Promise.all([rp.waitForNavigation(), rp.click("form.review button[type=submit]")]);
    const problems = await axe(rp);
    const order = await rp.evaluate(() => {
      const comment = document.querySelector("main .returned");
      const facts = document.querySelector("main .facts");
      return Boolean(comment && facts && comment.compareDocumentPosition(facts) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    if (!order) problems.push("the comment is not above the audit's facts");
    report("a returned audit's page, its comment at the top", problems);
    await rp.goto(`${base}/audits/${waiting.id}/review`);
    const again = await axe(rp);
    if (!(await rp.locator("#since-return").count())) again.push("no changes since the return");
    report("the review of a returned audit", again);
  }
  await reviewing.close();
}

// Remediation: the department dashboard, finding pages in each state, the staff timeline
// of a site, for each kind of staff at both widths; then steps taken through the pages.
{
  const reviewer = ["a11y.reviewer.construction", "a11y reviewer password"];
  const inspector = ["a11y.inspector", "a11y inspector password"];
  const coordinator = ["a11y.coordinator", "a11y coordinator password"];
  const cultureReviewer = ["a11y.reviewer.culture", "a11y reviewer password"];
  // Finding ids by state, read with a signed-in page's session.
  const ids = {};
  {
    const context = await browser.newContext({ locale: "vi-VN", viewport: phone });
    const page = await context.newPage();
    await signIn(page, ...coordinator);
    const read = async (department, state) => {
      const url = `${base}/api/v1/findings?department=${department}&state=${state}`;
      const response = await page.request.get(url);
      if (!response.ok()) throw new Error(`${url}: HTTP ${response.status()}`);
      return (await response.json()).items;
    };
    for (const state of ["open", "planned", "in_progress", "fixed"]) ids[state] = await read("construction", state);
    ids.wont_fix = await read("culture", "wont_fix");
    await context.close();
  }
  const missing = Object.entries(ids).filter(([, items]) => items.length === 0).map(([state]) => state);
  if (missing.length || ids.in_progress.length < 2) {
    throw new Error(`the demo lacks findings: ${missing.join(", ") || "two in progress"}`);
  }
  if (ids.fixed[0].after_photos.length === 0) throw new Error("the demo's fixed finding has no after-photo");
  const named = {
    "{open}": ids.open[0].id, "{planned}": ids.planned[0].id, "{in_progress}": ids.in_progress[0].id,
    "{fixed}": ids.fixed[0].id, "{wont_fix}": ids.wont_fix[0].id, "{site}": ids.fixed[0].site_id,
  };
  const at = (path) => Object.entries(named).reduce((p, [name, id]) => p.replaceAll(name, id), path);
  const findingChecks = [
    [null, ["/sites/{site}", "/sites/{site}?lang=en"]],
    [reviewer, [
      "/findings", "/findings?overdue=true&lang=en",
      "/findings?state=planned,in_progress&severity=major&kind=public_building&due_before=2099-12-31",
      "/findings/{open}", "/findings/{open}?lang=en", "/findings/{planned}", "/findings/{in_progress}?lang=en",
      "/findings/{fixed}", "/findings/{fixed}?lang=en", "/sites/{site}",
    ]],
    [inspector, ["/findings", "/findings?state=fixed&lang=en", "/findings/{in_progress}", "/sites/{site}", "/sites/{site}?lang=en"]],
    [coordinator, ["/findings", "/findings?department=construction&state=fixed&lang=en", "/findings/{wont_fix}"]],
    [cultureReviewer, ["/findings/{wont_fix}", "/findings/{wont_fix}?lang=en"]],
  ];
  for (const viewport of [phone, desktop]) {
    for (const [login, paths] of findingChecks) {
      const context = await browser.newContext({ locale: "vi-VN", viewport });
      const page = await context.newPage();
      if (login) await signIn(page, ...login);
      for (const path of paths) {
        const response = await page.goto(base + at(path));
        const problems = await axe(page);
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}`);
        // Reflow (WCAG 1.4.10), which axe does not check: the page never scrolls sideways.
        const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (wide > 0) problems.push(`the page is ${wide}px wider than the screen`);
        if (path.startsWith("/findings/") && !(await page.locator(".before-after").count())) {
          problems.push("no photos before and after");
        }
        const timeline = await page.locator("section.timeline").count();
        if (login && path.startsWith("/sites/") && !timeline) problems.push("no timeline for staff of the site's department");
        if (!login && timeline) problems.push("the staff timeline is shown to the public");
        if (!login && !(await page.locator(".barriers .barrier-state").count())) problems.push("no barriers with their state");
        if (login === inspector && path.startsWith("/sites/") && !(await page.locator("form.start-audit input[name=follow_up]").count())) {
          problems.push("no follow-up audit form");
        }
        report(`${path} at ${viewport.width}px${login ? ` as ${login[0]}` : ""}`, problems);
      }
      await context.close();
    }
  }

  // The reviewer plans an open finding: refused without a due date, then done with one.
  {
    const context = await browser.newContext({ locale: "vi-VN", viewport: phone });
    const page = await context.newPage();
    await signIn(page, ...reviewer);
    const finding = ids.open[0].id;
    const plan = "form.step:has(input[name=to][value=planned])";
    await page.goto(`${base}/findings/${finding}`);
    await page.evaluate((form) => document.querySelector(`${form} input[type=date]`).removeAttribute("required"), plan);
    const [refused] = await Promise.all([page.waitForNavigation(), page.click(`${plan} button[type=submit]`)]);
    {
      const problems = await axe(page);
      if (refused.status() !== 422) problems.push(`HTTP ${refused.status()}, not 422`);
      if (!(await page.locator(".error-summary").count())) problems.push("no error summary");
      const unwired = await page.evaluate(() =>
        [...document.querySelectorAll("[aria-invalid=true]")]
          .filter((el) => !(el.getAttribute("aria-describedby") ?? "").includes(`${el.id}-error`))
          .map((el) => el.id),
      );
      if (unwired.length) problems.push(`invalid fields without their error: ${unwired.join(", ")}`);
      const date = `${plan} input[type=date]`;
      if ((await page.getAttribute(date, "aria-invalid")) !== "true") problems.push("the due date is not marked invalid");
      const dateId = await page.getAttribute(date, "id");
      if (!(await page.locator(`.error-summary a[href="#${dateId}"]`).count())) problems.push("the error summary does not link the due date");
      report("refused finding step (plan without a due date)", problems);
    }
    await page.goto(`${base}/findings/${finding}`);
    const due = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await page.fill(`${plan} input[type=date]`, due);
    await Promise.all([page.waitForNavigation(), page.click(`${plan} button[type=submit]`)]);
    {
      const problems = await axe(page);
      if (!(await page.locator("p.success").count())) problems.push(`no success notice at ${page.url()}`);
      const got = await (await page.request.get(`${base}/api/v1/findings/${finding}`)).json();
      if (got.state !== "planned" || got.due_date !== due) problems.push(`finding is ${got.state}, due ${got.due_date}`);
      report("finding step done (planned, due in 30 days)", problems);
    }
    await context.close();
  }

  // The inspector marks a finding fixed with a photo of the fix and what was done.
  {
    const context = await browser.newContext({ locale: "vi-VN", viewport: phone });
    const page = await context.newPage();
    await signIn(page, ...inspector);
    const finding = ids.in_progress[1].id;
    const fixed = "form.step:has(input[name=to][value=fixed])";
    await page.goto(`${base}/findings/${finding}`);
    const photo = await (await fetch(`${base}/api/v1/public/photos/${auditedPhoto}/display`)).arrayBuffer();
    await page.setInputFiles(`${fixed} input[type=file]`, { name: "fixed.jpg", mimeType: "image/jpeg", buffer: Buffer.from(photo) });
    await page.fill(`${fixed} textarea[name=comment]`, "Đã lắp tay vịn hai bên.");
    await Promise.all([page.waitForNavigation(), page.click(`${fixed} button[type=submit]`)]);
    const problems = await axe(page);
    if (!(await page.locator("p.success").count())) problems.push(`no success notice at ${page.url()}`);
    if (!(await page.locator(".before-after img").count())) problems.push("no photos shown");
    const got = await (await page.request.get(`${base}/api/v1/findings/${finding}`)).json();
    if (got.state !== "fixed" || got.after_photos.length !== 1) problems.push(`finding is ${got.state}, ${got.after_photos.length} after-photos`);
    report("finding step done (fixed with a photo, by the inspector)", problems);
    await context.close();
  }
}

// Observers: the reviewer names one on an approved audit through its page's form (refused
// once without a name, the problem beside the field), then the observer lands on their
// audits, opens it and adds a remark, each form sent from its button with the keyboard.
// Axe on each, the observer's pages at both widths.
{
  const reviewer = ["a11y.reviewer.construction", "a11y reviewer password"];
  const observer = ["a11y.observer", "a11y observer password"];
  const context = await browser.newContext({ locale: "vi-VN", viewport: phone });
  const page = await context.newPage();
  await signIn(page, ...reviewer);
  const approved = (await (await page.request.get(`${base}/api/v1/audits?state=approved&department=construction&limit=1`)).json()).items[0];
  if (!approved) throw new Error("the demo has no approved audit of construction");
  const audit = `/audits/${approved.id}`;
  await page.goto(base + audit);
  const addButton = "form[action$='/participants'] button[type=submit]";
  await page.fill("#participant-organisation", "Hội Người khuyết tật tỉnh Lạng Sơn");
  await page.focus(addButton);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  {
    const problems = await axe(page);
    if (!(await page.locator("#participant-name-error").count())) problems.push("no error beside the name");
    report("refused participant (no name)", problems);
  }
  await page.fill("#participant-name", "Nguyễn Thị Hoa");
  await page.fill("#participant-account", "a11y.observer");
  await page.focus(addButton);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  {
    const problems = await axe(page);
    if (!(await page.locator("p.success").count())) problems.push(`no success notice at ${page.url()}`);
    report("participant added, the audit's page as a reviewer", problems);
  }
  await context.close();
  for (const viewport of [phone, desktop]) {
    const context = await browser.newContext({ locale: "vi-VN", viewport });
    const page = await context.newPage();
    await signIn(page, ...observer);
    const landed = new URL(page.url()).pathname;
    for (const path of ["/observing", "/observing?lang=en", audit, `${audit}?lang=en`]) {
      const response = await page.goto(base + path);
      const problems = await axe(page);
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}`);
      if (path === "/observing" && landed !== "/observing") problems.push(`landed on ${landed}`);
      report(`${path.replace(approved.id, "{id}")} at ${viewport.width}px as an observer`, problems);
    }
    await context.close();
  }
  const remarking = await browser.newContext({ locale: "vi-VN", viewport: phone });
  const rp = await remarking.newPage();
  await signIn(rp, ...observer);
  await rp.goto(base + audit);
  await rp.fill("#remark-body", "Lối vào chính cần thêm tay vịn.");
  await rp.focus("form[action$='/remarks'] button[type=submit]");
  await Promise.all([rp.waitForNavigation(), rp.keyboard.press("Enter")]);
  const problems = await axe(rp);
  if (!(await rp.locator("p.success").count())) problems.push(`no success notice at ${rp.url()}`);
  report("remark added by the observer", problems);
  await remarking.close();
}

// Reporting rounds: the coordinator opens one from the pages (refused once for a period
// that ends before it starts, the problem on its field and what was typed kept), the
// construction reviewer finds it from the navigation, is refused sending blank sections,
// then sends the part; the coordinator returns it with a comment, which the reviewer sees.
// Axe on every page at phone and desktop width; phone screenshots of each.
{
  const coordinator = ["a11y.coordinator", "a11y coordinator password"];
  const reviewer = ["a11y.reviewer.construction", "a11y reviewer password"];
  const today = new Date().toISOString().slice(0, 10);
  const cp = await (await browser.newContext({ locale: "vi-VN", viewport: phone })).newPage();
  await signIn(cp, ...coordinator);
  await cp.goto(`${base}/rounds`);
  await Promise.all([cp.waitForNavigation(), cp.click("main a[href='/rounds/new']")]);
  {
    const problems = await axe(cp);
    report("/rounds/new at 390px as the coordinator", problems);
    await screenshot(cp, "round-new");
  }
  await cp.fill("#round-title", "Báo cáo kiểm tra năm");
  await cp.fill("#round-period_from", `${year}-01-01`);
  await cp.fill("#round-period_to", `${year - 1}-12-31`);
  await cp.fill("#round-due_on", today);
  await Promise.all([cp.waitForNavigation(), cp.click("main button[type=submit]")]);
  {
    const problems = await axe(cp);
    if (!(await cp.locator("#round-period_to-error").count())) problems.push("no error beside the period's end");
    if ((await cp.inputValue("#round-title")) !== "Báo cáo kiểm tra năm") problems.push("the title typed was lost");
    report("refused round (period ends before it starts)", problems);
    await screenshot(cp, "round-refused");
  }
  await cp.fill("#round-period_to", today);
  await Promise.all([cp.waitForNavigation(), cp.click("main button[type=submit]")]);
  const roundPath = new URL(cp.url()).pathname;
  {
    const problems = await axe(cp);
    if (!/^\/rounds\/[0-9a-f-]{36}$/.test(roundPath)) problems.push(`landed on ${cp.url()}`);
    report("round opened, its page as the coordinator", problems);
    await screenshot(cp, "round-page");
  }
  const rp = await (await browser.newContext({ locale: "vi-VN", viewport: phone })).newPage();
  await signIn(rp, ...reviewer);
  await Promise.all([rp.waitForNavigation(), rp.click("nav a[href='/rounds']")]);
  await Promise.all([rp.waitForNavigation(), rp.click(`main a[href='${roundPath}']`)]);
  await Promise.all([rp.waitForNavigation(), rp.click(`main a[href='${roundPath}/parts/construction']`)]);
  {
    const problems = await axe(rp);
    report("a part's form at 390px as its reviewer", problems);
    await screenshot(rp, "round-part");
  }
  await rp.fill("#part-results", "Đã kiểm tra các công trình của sở.");
  await Promise.all([rp.waitForNavigation(), rp.click("button[value=submit]")]);
  {
    const problems = await axe(rp);
    if (!(await rp.locator("#part-difficulties-error").count())) problems.push("no error beside a blank section");
    if ((await rp.inputValue("#part-results")) !== "Đã kiểm tra các công trình của sở.") problems.push("the results typed were lost");
    report("refused part (blank sections)", problems);
    await screenshot(rp, "round-part-refused");
  }
  await rp.fill("#part-difficulties", "Thiếu kinh phí.");
  await rp.fill("#part-proposals", "Bố trí kinh phí năm sau.");
  await Promise.all([rp.waitForNavigation(), rp.click("button[value=submit]")]);
  report("part sent", await axe(rp));
  await cp.goto(`${base}${roundPath}/parts/construction`);
  {
    const problems = await axe(cp);
    report("a sent part with the decision form, as the coordinator", problems);
    await screenshot(cp, "round-decision");
  }
  await cp.check("#decision-return");
  await cp.fill("#part-comment", "Bổ sung số liệu quý IV.");
  await Promise.all([cp.waitForNavigation(), cp.click("form[action$='/decision'] button[type=submit]")]);
  report("part returned", await axe(cp));
  await rp.goto(`${base}${roundPath}/parts/construction`);
  {
    const problems = await axe(rp);
    if (!(await rp.locator("blockquote.comment", { hasText: "Bổ sung số liệu quý IV." }).count())) problems.push("the reviewer does not see the comment");
    report("a returned part with its comment, as its reviewer", problems);
    await screenshot(rp, "round-returned");
  }
  for (const viewport of [phone, desktop]) {
    for (const [login, paths] of [
      [coordinator, ["/rounds", "/rounds?lang=en", roundPath, `${roundPath}?lang=en`, `${roundPath}/parts/construction?lang=en`,
        `/api/v1/rounds${roundPath.slice(7)}/report?format=html`]],
      [reviewer, ["/rounds", "/rounds?lang=en", roundPath, `${roundPath}/parts/construction`, `${roundPath}/parts/construction?lang=en`]],
    ]) {
      const context = await browser.newContext({ locale: "vi-VN", viewport });
      const page = await context.newPage();
      await signIn(page, ...login);
      for (const path of paths) {
        const response = await page.goto(base + path);
        const problems = await axe(page);
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}`);
        report(`${path.replace(roundPath, "/rounds/{id}")} at ${viewport.width}px as ${login[0]}`, problems);
        if (viewport === phone && path === "/rounds") await screenshot(page, `rounds-${login[0]}`);
      }
      await context.close();
    }
  }
}

await browser.close();
console.log(`a11y: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

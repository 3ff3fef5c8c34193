// Keeping pages ahead, online, so they open offline later: the audit list, each of the
// inspector's open audits with all its sections and its summary, and the department's
// checklists (at most every ten minutes); the audit being worked on at once; a site page
// (with its start form and a blank audit) when the inspector takes it offline. Kept under the page's path,
// as the service worker keeps what it serves (sw.js).
const PAGES = "tiepcan-pages";
const EVERY = 10 * 60 * 1000;

function debug(...args) {
  try {
    if (localStorage.getItem("tiepcanDebug")) console.log("tiepcan keep:", ...args);
  } catch (_) {
    /* no storage */
  }
}

async function keep(cache, path) {
  debug(path);
  try {
    const response = await fetch(path, { credentials: "same-origin" });
    if (!response.ok || response.redirected) return null;
    const html = await response.clone().text();
    await cache.put(path, response);
    return new DOMParser().parseFromString(html, "text/html");
  } catch (err) {
    debug("failed", path, String(err));
    return null;
  }
}

function links(doc, selector, pattern) {
  if (!doc) return [];
  const found = new Set();
  for (const a of doc.querySelectorAll(selector)) {
    const path = new URL(a.getAttribute("href"), location.origin).pathname;
    if (pattern.test(path)) found.add(path);
  }
  return Array.from(found);
}

// An audit's overview, its sections and summary (again at most every ten minutes, unless
// `now`).
export async function keepAudit(audit, now) {
  if (!("caches" in window) || !navigator.onLine) return;
  const stamp = "tiepcan-kept-audit-" + audit;
  if (!now && Date.now() - Number(localStorage.getItem(stamp) || 0) < EVERY) return;
  const cache = await caches.open(PAGES);
  const overview = await keep(cache, "/audits/" + audit);
  debug("overview", !!overview);
  const sections = links(overview, "a[href]", new RegExp("^/audits/" + audit + "/(sections/[^/]+|summary)$"));
  for (const path of sections) await keep(cache, path);
  // Only once all are kept: a round cut short (the inspector moved on) runs again.
  if (overview) localStorage.setItem(stamp, String(Date.now()));
}

// The audit list, every open audit of the inspector, the checklists.
export async function keepAll() {
  if (!("caches" in window) || !navigator.onLine) return;
  const last = Number(localStorage.getItem("tiepcan-kept-at") || 0);
  if (Date.now() - last < EVERY) return;
  const cache = await caches.open(PAGES);
  const list = await keep(cache, "/audits");
  const mine = links(list, 'section[aria-labelledby="mine"] a[href]', /^\/audits\/[0-9a-f-]{36}$/);
  for (const path of mine) await keepAudit(path.split("/")[2]);
  const checklists = await keep(cache, "/checklists");
  for (const path of links(checklists, "main a[href]", /^\/checklists\/[^/]+$/)) await keep(cache, path);
  if (list) localStorage.setItem("tiepcan-kept-at", String(Date.now()));
}

// The id a blank audit's pages carry; the service worker puts a start key in its place.
export const BLANK_ID = "00000000-0000-0000-0000-000000000000";

// A site page and its start form, for a trip; and the blank audit of the site, overview
// and sections, so an audit started there offline can be filled at once (sw.js).
export async function keepSite(path) {
  const cache = await caches.open(PAGES);
  const doc = await keep(cache, path);
  await keep(cache, "/audits");
  const blank = path + "/audits/blank";
  const overview = await keep(cache, blank);
  const sections = links(overview, "a[href]", new RegExp("^/audits/" + BLANK_ID + "/sections/[^/]+$"));
  let all = overview !== null;
  for (const section of sections) {
    all = (await keep(cache, blank + "/sections/" + section.split("/").pop())) !== null && all;
  }
  return doc !== null && all;
}

// True when the blank audit of site `site` is kept on the phone.
export async function blankKept(site) {
  if (!("caches" in window)) return false;
  const cache = await caches.open(PAGES);
  return !!(await cache.match("/sites/" + site + "/audits/blank"));
}

// Signing out: the pages kept are this person's; what waits to be sent stays.
export async function forgetPages() {
  if ("caches" in window) await caches.delete(PAGES);
  localStorage.removeItem("tiepcan-kept-at");
}

// tiếp cận's service worker (bundled with Workbox by build.rs; served as /sw.js with its
// precache list filled in by the server). What it keeps:
// - our stylesheet and scripts under their versioned names, and the /offline page
//   (precached when it installs);
// - the inspector's pages (audit list, audits, sections, summaries, site pages and
//   checklists): always asked of the network first, the copy kept for when it fails;
// - thumbnails of photos already sent, so a kept section shows them offline;
// - for an audit started on the phone and not yet sent, the site's blank audit kept ahead
//   (warm.js), under the audit's own id.
// Everything else (the API, forms posted, public pages) goes to the network as before.
import { precacheAndRoute, matchPrecache } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { NetworkFirst, StaleWhileRevalidate } from "workbox-strategies";
import { kept } from "./store.js";

precacheAndRoute(self.__WB_MANIFEST);

// The same name as the page script uses when it keeps pages ahead (field.js).
const PAGES = "tiepcan-pages";
const KEPT_PAGES = /^\/(audits(\/.*)?|sites\/[0-9a-f-]{36}|checklists(\/.*)?)$/;

// A page is kept under its path alone: `?done=saved` and `?lang=` name the same page.
const byPath = {
  cacheKeyWillBeUsed: async ({ request }) => new URL(request.url).pathname,
  // A page that led elsewhere (to sign in, or a section no longer editable) is not the
  // page asked for: keep nothing then.
  cacheWillUpdate: async ({ response }) =>
    response && response.ok && !response.redirected ? response : null,
};

const pages = new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 10, plugins: [byPath] });

// The id a blank audit's pages carry (app::audits::blank), and the pages of an audit that
// was started on this phone and is not yet on the server: its start waits in the queue.
const BLANK_ID = "00000000-0000-0000-0000-000000000000";
const STARTED_HERE = /^\/audits\/([0-9a-f-]{36})(\/sections\/[^/]+)?$/;

// The kept blank page of the site such an audit is of, with the audit's id in place of
// the blank one; null for any other page.
async function startedHere(url) {
  const match = STARTED_HERE.exec(url.pathname);
  if (!match) return null;
  const start = await kept.get("start/" + match[1]).catch(() => null);
  if (!start || start.follow_up) return null;
  const blank = await caches.match("/sites/" + start.site + "/audits/blank" + (match[2] || ""), { cacheName: PAGES });
  if (!blank) return null;
  const html = (await blank.text()).split(BLANK_ID).join(match[1]);
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } });
}

registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    KEPT_PAGES.test(url.pathname),
  async (options) => {
    let answer = null;
    try {
      answer = await pages.handle(options);
    } catch (err) {
      answer = null;
    }
    // The server does not know the audit yet (404), or the network is away.
    if (answer && answer.status !== 404) return answer;
    const blank = await startedHere(options.url);
    if (blank) return blank;
    if (answer) return answer;
    throw new Error("neither the network nor the phone has " + options.url.pathname);
  }
);

registerRoute(
  ({ url }) =>
    url.origin === self.location.origin &&
    /^\/api\/v1\/audits\/[0-9a-f-]{36}\/photos\/[0-9a-f-]{36}\/thumb$/.test(url.pathname),
  new StaleWhileRevalidate({ cacheName: "tiepcan-thumbs" })
);

// A page neither the network nor the phone has: say so, in the app's own frame.
setCatchHandler(async ({ request }) => {
  if (request.mode === "navigate") {
    const page = await matchPrecache("/offline");
    if (page) return page;
  }
  return Response.error();
});

// A new version takes over at once: its pages and scripts go together.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// tiếp cận's service worker (bundled with Workbox by build.rs; served as /sw.js with its
// precache list filled in by the server). What it keeps:
// - our stylesheet and scripts under their versioned names, and the /offline page
//   (precached when it installs);
// - the inspector's pages (audit list, audits, sections, summaries, site pages and
//   checklists): always asked of the network first, the copy kept for when it fails;
// - thumbnails of photos already sent, so a kept section shows them offline.
// Everything else (the API, forms posted, public pages) goes to the network as before.
import { precacheAndRoute, matchPrecache } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { NetworkFirst, StaleWhileRevalidate } from "workbox-strategies";

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

registerRoute(
  ({ request, url }) =>
    request.mode === "navigate" &&
    url.origin === self.location.origin &&
    KEPT_PAGES.test(url.pathname),
  new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 10, plugins: [byPath] })
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

// tiếp cận's field script: an enhancement for inspectors' phones; every page works
// without it. Bundled with its npm libraries by build.rs (esbuild) and linked only on the
// pages of field staff (views/offline.rs).
// - registers the service worker (sw.js) and keeps the inspector's pages ahead (warm.js);
// - keeps each section form on the phone as it is typed, photos too (form.js);
// - sends what waits when the network is there: at once, when it returns, and every
//   half minute, with back-off after failures (queue.js); shows it all (panel.js);
// - starts an audit offline from a kept site page: the key is made here and is the audit's
//   id; the audit exists on the server once it is sent, and meanwhile its pages are the
//   site's blank audit kept on the phone (warm.js, sw.js);
// - "take offline" on a site page keeps the page and its start form ahead of a trip.
import { kept } from "./store.js";
import { sync, wakeAll, listen } from "./queue.js";
import { enhanceSection, settlePosted } from "./form.js";
import { render, startPanel } from "./panel.js";
import { keepAll, keepAudit, keepSite, blankKept, forgetPages } from "./warm.js";
import { t } from "./texts.js";

const PERIOD = 30 * 1000;

function position() {
  return new Promise((resolve) => {
    if (!("geolocation" in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) }),
      () => resolve(null),
      { timeout: 3000, maximumAge: 60000 }
    );
  });
}

// Offline, a start form does not reach the server: the start is kept with a key made
// here, and sent later (the API starts one audit per key, however often it is sent).
document.addEventListener(
  "submit",
  async (event) => {
    const form = event.target;
    if (form.matches('form[action="/logout"]')) {
      event.preventDefault();
      await forgetPages();
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    if (!form.matches("form.start-audit") || navigator.onLine) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const site = form.getAttribute("action").split("/")[2];
    const key = crypto.randomUUID();
    const heading = document.querySelector("main h1");
    await kept.set("start/" + key, {
      kind: "start",
      key,
      site,
      siteName: heading ? heading.textContent : site,
      follow_up: form.elements.follow_up ? form.elements.follow_up.value === "true" : false,
      position: await position(),
      status: "waiting",
      created: Date.now(),
    });
    let said = form.querySelector(".offline-started");
    if (!said) {
      said = document.createElement("p");
      said.className = "success offline-started";
      said.setAttribute("role", "status");
      form.append(said);
    }
    said.textContent = t("startQueued");
    render();
    // The audit's id is its key: with the site's blank audit kept, the worker shows its
    // pages under that id, and what is typed there follows the start to the server.
    if (!form.elements.follow_up && (await blankKept(site))) location.assign("/audits/" + key);
  },
  true
);

function takeOffline() {
  for (const button of document.querySelectorAll("[data-take-offline]")) {
    const holder = button.closest(".take-offline");
    if (holder) holder.hidden = false;
    button.addEventListener("click", async () => {
      const done = holder.querySelector("[data-take-offline-done]");
      if (await keepSite(location.pathname)) done.textContent = t("taken");
    });
  }
}

async function main() {
  // The worker after the page's own load: on a weak link the page comes first.
  if ("serviceWorker" in navigator) {
    const register = () => navigator.serviceWorker.register("/sw.js").catch(() => {});
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }
  await settlePosted();
  startPanel();
  const form = document.querySelector("form[data-audit][data-section]");
  if (form) await enhanceSection(form);
  takeOffline();
  listen((event) => {
    if (event.type === "started") keepAudit(event.audit, true);
  });
  window.addEventListener("online", () => wakeAll());
  setInterval(() => sync(), PERIOD);
  await wakeAll();
  // Keep pages after the service worker is in charge, so the first visit counts.
  const ready = "serviceWorker" in navigator ? navigator.serviceWorker.ready : Promise.resolve();
  ready.then(async () => {
    try {
      if (localStorage.getItem("tiepcanDebug")) console.log("tiepcan: worker ready");
    } catch (_) {
      /* no storage */
    }
    const audit = location.pathname.match(/^\/audits\/([0-9a-f-]{36})/);
    if (audit) await keepAudit(audit[1]);
    await keepAll();
  });
}

main();

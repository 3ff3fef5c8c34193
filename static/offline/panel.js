// The status panel at the top of the field staff's pages (views/offline.rs): the offline
// banner, and per audit what waits, what is sending (bytes) and what failed, with retry
// and discard; an audit that changed on the server meanwhile, what differs and what the
// rules allow; notes kept; the room the drafts take. A short summary line is the live
// region, so a screen reader hears each change of state without every byte of progress.
import { everything, listen, retry, discard, applyTo, keepAsNote, keyOf } from "./queue.js";
import { t } from "./texts.js";

const panel = document.getElementById("offline-panel");
const banner = document.getElementById("offline-banner");
const queue = document.getElementById("offline-queue");
let summary = null;
let lastSummary = "";
// The inspector opened the list of what waits: it stays open through later changes.
let listOpened = false;

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function button(label, onClick, extra) {
  const b = el("button", { type: "button", className: "secondary small" }, label);
  if (extra) b.append(el("span", { className: "visually-hidden" }, ": " + extra));
  b.addEventListener("click", onClick);
  return b;
}

function kb(n) {
  return Math.round(n / 1024).toLocaleString(document.documentElement.lang);
}

function label(e) {
  if (e.kind === "start") return t("startOf", { site: e.siteName });
  if (e.kind === "batch") return t("answersOf", { section: e.title });
  return t("photoOf", { item: e.itemText || t("photo") });
}

function statusText(e) {
  return t(e.status === "failed" ? "failed" : e.status === "sending" ? "sending" : e.status === "conflict" ? "conflict" : "waiting");
}

function entryRow(e) {
  const name = label(e);
  const row = el("li", { className: "queue-entry " + e.status, id: "queue-" + (e.id || e.key) });
  row.append(el("span", {}, name), " · ", el("strong", {}, statusText(e)));
  if (e.kind === "photo") {
    const total = e.size || 0;
    const bytes = el("span", { className: "bytes" }, " " + kb(e.sent || 0) + " / " + kb(total) + " kB");
    const bar = el("progress", { max: total, value: e.sent || 0 });
    bar.setAttribute("aria-label", name);
    row.append(bytes, " ", bar);
  }
  if (e.status === "failed" && e.error) row.append(el("p", { className: "error" }, e.error));
  if (e.status === "failed") row.append(" ", button(t("retry"), () => retry(keyOf(e)), name));
  if (e.status !== "sending") {
    row.append(" ", button(t("discard"), () => {
      if (window.confirm(t("discardConfirm"))) discard(keyOf(e));
    }, name));
  }
  return row;
}

function shown(v) {
  return v === undefined || v === null || v === "" ? t("nothing") : String(v);
}

// What the phone's answers say against the server's, item by item.
function differences(batches, server) {
  const theirs = new Map((server.answers || []).map((a) => [a.item, a]));
  const rows = [];
  for (const b of batches) {
    for (const a of b.answers) {
      if (!a.item) continue;
      const s = theirs.get(a.item) || {};
      const mine = [a.value !== undefined ? a.value + (a.unit ? " " + a.unit : "") : null, a.result, a.note].filter(Boolean).join(" · ");
      const there = [s.value !== undefined && s.value !== null ? s.value + (s.unit ? " " + s.unit : "") : null, s.result, s.note].filter(Boolean).join(" · ");
      if (mine !== there) rows.push({ item: (b.labels && b.labels[a.item]) || a.item, mine, there });
    }
  }
  return rows;
}

function noteText(batches) {
  return batches
    .map((b) => b.title + ": " + b.answers.map((a) => (a.item || a.section) + " = " + [a.value, a.unit, a.result, a.note].filter(Boolean).join(" ")).join("; "))
    .join("\n");
}

function conflictBox(conflict, batches, photos) {
  const server = conflict.server;
  const box = el("div", { className: "conflict notice", id: "conflict-" + conflict.audit });
  box.setAttribute("role", "group");
  box.setAttribute("aria-labelledby", "conflict-title-" + conflict.audit);
  box.append(el("h3", { id: "conflict-title-" + conflict.audit }, t("conflictTitle") + ": " + (server.site ? server.site.name : "")));
  box.append(el("p", {}, t("conflictText", { state: t("state." + server.state) })));
  const rows = differences(batches, server);
  if (rows.length) {
    box.append(el("h4", {}, t("conflictDiffers")));
    const table = el("table", {});
    const head = el("tr", {}, el("th", { scope: "col" }, t("item")), el("th", { scope: "col" }, t("onPhone")), el("th", { scope: "col" }, t("onServer")));
    table.append(el("thead", {}, head));
    const body = el("tbody", {});
    for (const r of rows) body.append(el("tr", {}, el("th", { scope: "row" }, r.item), el("td", {}, r.mine), el("td", {}, shown(r.there))));
    table.append(body);
    box.append(table);
  }
  const actions = el("div", { className: "actions" });
  // The rules: answers and photos may go only to a draft or a returned audit.
  if (server.state === "returned" || server.state === "draft") actions.append(button(t("apply"), () => applyTo(conflict.audit)));
  if (batches.length) actions.append(button(t("keepNote"), () => keepAsNote(conflict.audit, noteText(batches))));
  box.append(actions);
  if (photos.length) box.append(el("ul", {}, ...photos.map(entryRow)));
  return box;
}

async function storageLine() {
  if (!navigator.storage || !navigator.storage.estimate) return null;
  const { usage, quota } = await navigator.storage.estimate();
  if (!quota) return null;
  const mb = (n) => (n / 1048576).toFixed(1);
  const line = el("p", { className: "hint" }, t("storage", { used: mb(usage), quota: mb(quota) }));
  if (usage / quota > 0.8) line.append(el("strong", { className: "error" }, " " + t("storageLow")));
  return line;
}

export async function render() {
  if (!panel) return;
  const { starts, batches, photos, notes, conflicts } = await everything();
  const offline = !navigator.onLine;
  banner.hidden = !offline;
  const entries = starts.concat(batches, photos);
  const count = (s) => entries.filter((e) => e.status === s).length;
  if (!summary) {
    summary = el("p", { id: "offline-summary" });
    summary.setAttribute("role", "status");
    queue.before(summary);
  }
  const text = entries.length
    ? t("queueTitle") + ": " + [["waiting", count("waiting")], ["sending", count("sending")], ["failed", count("failed")], ["conflict", count("conflict")]]
        .filter(([, n]) => n > 0).map(([k, n]) => t(k) + " " + n).join(" · ")
    : lastSummary && lastSummary !== t("queueEmpty") && lastSummary !== t("allSent") ? t("allSent") : "";
  if (text !== lastSummary) summary.textContent = text;
  lastSummary = text;

  const parts = [];
  for (const conflict of conflicts) {
    parts.push(conflictBox(conflict, batches.filter((b) => b.audit === conflict.audit), photos.filter((p) => p.audit === conflict.audit)));
  }
  const rest = entries.filter((e) => e.status !== "conflict");
  if (rest.length) {
    // Folded while all goes well (the summary above says how much waits), so the page
    // keeps the screen; open when something failed, or when the inspector opened it.
    const failed = rest.some((e) => e.status === "failed");
    const list = el("details", { className: "queue-list", open: failed || listOpened });
    const title = el("summary", {}, el("h3", {}, t("queueShow", { n: rest.length })));
    title.addEventListener("click", () => {
      listOpened = !list.open;
    });
    list.append(title, el("ul", { className: "queue" }, ...rest.map(entryRow)));
    parts.push(list);
  }
  if (notes.length) {
    parts.push(el("h3", {}, t("notes")));
    parts.push(el("ul", {}, ...notes.map((n) => el("li", {}, el("pre", { className: "kept-note" }, n.text), " ", button(t("discard"), () => {
      if (window.confirm(t("discardConfirm"))) discard("note/" + n.id);
    })))));
  }
  if (entries.length) {
    const line = await storageLine();
    if (line) parts.push(line);
  }
  queue.replaceChildren(...parts);
  panel.hidden = !(offline || entries.length || notes.length || conflicts.length || text);
}

export function startPanel() {
  listen((event) => {
    if (event.type === "progress") {
      const row = document.getElementById("queue-" + event.id);
      if (row) {
        const bar = row.querySelector("progress");
        const bytes = row.querySelector(".bytes");
        if (bar) {
          bar.max = event.total;
          bar.value = event.sent;
        }
        if (bytes) bytes.textContent = " " + kb(event.sent) + " / " + kb(event.total) + " kB";
        const status = row.querySelector("strong");
        if (status) status.textContent = t("sending");
      }
      return;
    }
    render();
  });
  window.addEventListener("online", render);
  window.addEventListener("offline", render);
  render();
}

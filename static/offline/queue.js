// The sync queue: what the phone keeps goes to the server, oldest first, each once.
// - Starts (audits begun on the phone) first, then answer batches, then photos.
// - A batch is one PUT /api/v1/audits/ID/answers, the API's all-or-nothing batch: sending
//   it again changes nothing and logs nothing. A photo carries its own Idempotency-Key.
// - Before sending to an audit, the server's copy is read: if someone else changed it
//   since the phone last saw it (submitted, returned, approved, or edited elsewhere),
//   nothing is sent and the inspector decides (see panel.js). Never a silent overwrite.
// - One tab sends at a time (a Web Lock); the others wait their turn and find the work
//   done. A network failure stops the round and retries later with growing back-off.
import { kept } from "./store.js";
import { sendPhoto, Refused } from "./upload.js";

const listeners = new Set();
// `fn(event)` hears every change: {type: "changed"} or {type: "progress", id, sent, total}.
export function listen(fn) {
  listeners.add(fn);
}
function tell(event) {
  listeners.forEach((fn) => fn(event));
}

// `localStorage.tiepcanDebug = 1` tells the console what the queue does.
function debug(...args) {
  try {
    if (localStorage.getItem("tiepcanDebug")) console.log("tiepcan queue:", ...args);
  } catch (_) {
    /* no storage */
  }
}

const MAX_BACKOFF = 5 * 60 * 1000;
function backoff(tries) {
  return Math.min(MAX_BACKOFF, 2000 * 2 ** Math.min(tries, 10));
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let json = null;
  try {
    json = await response.json();
  } catch (_) {
    json = null;
  }
  return { status: response.status, json };
}

function message(json, status) {
  const e = json && json.error;
  if (!e) return "HTTP " + status;
  const fields = e.fields ? Object.entries(e.fields).map(([k, v]) => k + ": " + [].concat(v).join(" ")) : [];
  return [e.message].concat(fields).join(" ");
}

// Everything kept, for the panel: {starts, batches, photos, notes, conflicts}.
export async function everything() {
  const [starts, batches, photos, notes, conflicts] = await Promise.all([
    kept.all("start/"),
    kept.all("batch/"),
    kept.all("photo/"),
    kept.all("note/"),
    kept.all("conflict/"),
  ]);
  return { starts, batches, photos, notes, conflicts };
}

// The version of an audit this phone has seen last (a page, or its own send).
export async function noteSeen(audit, state, version) {
  const seen = await kept.get("seen/" + audit);
  if (!seen || version >= seen.version) {
    await kept.set("seen/" + audit, { audit, state, version });
  }
}
export async function seenBase(audit, state, version) {
  const seen = await kept.get("seen/" + audit);
  if (seen && seen.version > version) return { state: seen.state, version: seen.version };
  return { state, version };
}

function due(entry, now) {
  return entry.status === "waiting" || (entry.status === "failed" && !entry.refused && (entry.retryAt || 0) <= now);
}

let running = null;
// Sends what is due; resolves when this round is over. Safe to call often.
export function sync() {
  if (running) return running;
  const work = (async () => {
    debug("sync", navigator.onLine);
    if (!navigator.onLine) return;
    if (navigator.locks) {
      await navigator.locks.request("tiepcan-sync", () => round());
    } else {
      await round();
    }
  })();
  // Cleared only after `running` is set: the work may be over before that.
  running = work
    .catch((err) => debug("round failed", String(err)))
    .finally(() => {
      running = null;
      tell({ type: "changed" });
    });
  return running;
}

// One round: each due entry in turn, until one fails for the network.
async function round() {
  const checked = new Map(); // audit id -> true when its server copy was read this round
  for (;;) {
    const now = Date.now();
    const { starts, batches, photos } = await everything();
    const next =
      starts.find((e) => due(e, now)) ||
      batches.find((e) => due(e, now)) ||
      photos.find((e) => due(e, now));
    debug("next", next && next.kind, next && next.status);
    if (!next) return;
    const ok = await sendOne(next, checked);
    tell({ type: "changed" });
    if (!ok) return;
  }
}

async function fail(key, entry, why, refused) {
  const tries = (entry.tries || 0) + 1;
  await kept.set(key, Object.assign({}, entry, {
    status: "failed",
    error: why,
    refused: !!refused,
    tries,
    retryAt: Date.now() + backoff(tries),
  }));
}

// Reads the audit on the server; false (and the entry marked) when the phone may not
// send to it now.
async function audit_allows(key, entry, checked) {
  if (checked.get(entry.audit)) return true;
  const { status, json } = await api("GET", "/api/v1/audits/" + entry.audit);
  if (status !== 200) {
    await fail(key, entry, message(json, status), status >= 400 && status < 500);
    return false;
  }
  const base = entry.base || {};
  const editable = json.state === "draft" || json.state === "returned";
  if (!editable || (base.version !== undefined && json.version > base.version)) {
    await markConflict(entry.audit, json);
    return false;
  }
  checked.set(entry.audit, true);
  return true;
}

// Every waiting entry of `audit` waits for the inspector's decision, with the server's
// copy beside it to show what differs.
async function markConflict(audit, server) {
  await kept.set("conflict/" + audit, { audit, server, at: Date.now() });
  const { batches, photos } = await everything();
  for (const e of batches.concat(photos)) {
    if (e.audit === audit && e.status !== "conflict") {
      await kept.set(keyOf(e), Object.assign({}, e, { status: "conflict" }));
    }
  }
}

export function keyOf(entry) {
  if (entry.kind === "batch") return "batch/" + entry.id;
  if (entry.kind === "photo") return "photo/" + entry.id;
  if (entry.kind === "start") return "start/" + entry.key;
  return "note/" + entry.id;
}

// Sends one entry; false when the network failed (the round stops).
async function sendOne(entry, checked) {
  const key = keyOf(entry);
  try {
    if (entry.kind === "start") return await sendStart(key, entry);
    if (!(await audit_allows(key, entry, checked))) return true;
    if (entry.kind === "batch") return await sendBatch(key, entry, checked);
    return await sendPhotoEntry(key, entry, checked);
  } catch (err) {
    debug("failed", entry.kind, String(err));
    if (err instanceof Refused) {
      await fail(key, entry, err.message, true);
      return true;
    }
    const current = (err && err.entry) || entry;
    await fail(key, current, String(err && err.message ? err.message : err), false);
    return false;
  }
}

async function sendStart(key, entry) {
  const body = { key: entry.key };
  if (entry.position) {
    body.lat = entry.position.lat;
    body.lon = entry.position.lon;
    body.accuracy = entry.position.accuracy;
  }
  if (entry.follow_up) body.follow_up = true;
  const { status, json } = await api("POST", "/api/v1/sites/" + entry.site + "/audits", body);
  if (status === 200 || status === 201) {
    await kept.del(key);
    await noteSeen(json.id, json.state, json.version);
    tell({ type: "started", audit: json.id, site: entry.siteName });
    return true;
  }
  if (status >= 500) throw new TypeError("HTTP " + status);
  await fail(key, entry, message(json, status), true);
  return true;
}

async function sendBatch(key, entry, checked) {
  const { status, json } = await api("PUT", "/api/v1/audits/" + entry.audit + "/answers", entry.answers);
  if (status === 200) {
    await kept.del(key);
    // The typed copy goes too, unless the inspector typed on after this batch was made.
    const draftKey = "draft/" + entry.audit + "/" + entry.section;
    const draft = await kept.get(draftKey);
    if (draft && draft.updated <= entry.created) await kept.del(draftKey);
    await advance(entry.audit, json.state, json.version);
    return true;
  }
  if (status === 409) {
    checked.delete(entry.audit);
    const now = await api("GET", "/api/v1/audits/" + entry.audit);
    if (now.status === 200) await markConflict(entry.audit, now.json);
    return true;
  }
  if (status >= 500 || status === 408 || status === 429) throw new TypeError("HTTP " + status);
  await fail(key, entry, message(json, status), true);
  return true;
}

// Our own change moved the audit on: the entries still waiting were made against the
// version before it, which is no conflict.
async function advance(audit, state, version) {
  await noteSeen(audit, state, version);
  const { batches, photos } = await everything();
  for (const e of batches.concat(photos)) {
    if (e.audit === audit && e.base && e.base.version < version && e.status !== "conflict") {
      await kept.set(keyOf(e), Object.assign({}, e, { base: { state, version } }));
    }
  }
}

async function sendPhotoEntry(key, entry, checked) {
  await kept.set(key, Object.assign({}, entry, { status: "sending", sent: 0 }));
  tell({ type: "changed" }); // the panel shows the row its progress goes to
  const remember = (url) => {
    kept.get(key).then((now) => now && kept.set(key, Object.assign({}, now, { uploadUrl: url })));
  };
  const progress = (sent, total) => tell({ type: "progress", id: entry.id, sent, total });
  try {
    await sendPhoto(entry, progress, remember);
  } catch (err) {
    const now = (await kept.get(key)) || entry;
    if (err instanceof Refused && err.status === 409) {
      checked.delete(entry.audit);
      const audit = await api("GET", "/api/v1/audits/" + entry.audit);
      if (audit.status === 200) await markConflict(entry.audit, audit.json);
      return true;
    }
    throw Object.assign(err, { entry: now });
  }
  await kept.del(key);
  // A photo moves the audit's version on too.
  const after = await api("GET", "/api/v1/audits/" + entry.audit);
  if (after.status === 200) await advance(entry.audit, after.json.state, after.json.version);
  return true;
}

// The inspector's decisions.
export async function retry(key) {
  const entry = await kept.get(key);
  if (!entry) return;
  await kept.set(key, Object.assign({}, entry, { status: "waiting", refused: false, retryAt: 0 }));
  return sync();
}

export async function discard(key) {
  await kept.del(key);
  tell({ type: "changed" });
}

// Sends an audit's waiting entries to it as it now stands on the server (allowed while it
// is a draft or returned).
export async function applyTo(audit) {
  const conflict = await kept.get("conflict/" + audit);
  if (!conflict) return;
  const base = { state: conflict.server.state, version: conflict.server.version };
  const { batches, photos } = await everything();
  for (const e of batches.concat(photos)) {
    if (e.audit === audit) await kept.set(keyOf(e), Object.assign({}, e, { base, status: "waiting", retryAt: 0 }));
  }
  await noteSeen(audit, base.state, base.version);
  await kept.del("conflict/" + audit);
  return sync();
}

// Keeps an audit's waiting answers as a note on this phone, out of the queue; its photos
// stay, waiting for a decision of their own.
export async function keepAsNote(audit, text) {
  const { batches } = await everything();
  const mine = batches.filter((e) => e.audit === audit);
  await kept.set("note/" + audit + "-" + Date.now(), {
    kind: "note",
    id: audit + "-" + Date.now(),
    audit,
    site: mine.length ? mine[0].site : "",
    text,
    created: Date.now(),
  });
  for (const e of mine) await kept.del(keyOf(e));
  await kept.del("conflict/" + audit);
  tell({ type: "changed" });
}

// After a failure: back on the network, try everything again at once.
export async function wakeAll() {
  const { starts, batches, photos } = await everything();
  for (const e of starts.concat(batches, photos)) {
    if (e.status === "failed" && !e.refused) await kept.set(keyOf(e), Object.assign({}, e, { retryAt: 0 }));
    if (e.status === "sending") await kept.set(keyOf(e), Object.assign({}, e, { status: "waiting" }));
  }
  return sync();
}

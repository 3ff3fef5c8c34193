// A section page's form, kept on the phone as it is typed.
// - Every input is written to IndexedDB at once (draft/AUDIT/SECTION); reopening the
//   page, even after the browser restarted, fills the form again from it and says it is
//   not yet sent.
// - A chosen photo is copied into IndexedDB with its capture time and position, shown at
//   once from the copy (its EXIF orientation applied), and queued: the queue sends it
//   (resumably) at once when online, later when not.
// - Online, saving waits for the section's photos, then is the page's own form, as
//   without this script (each answer read alone, warnings, the landing); the phone keeps a
//   copy of what it posted until the server's answer is seen, and queues it if that never
//   comes. Offline, the section's answers are queued as one batch (the API's PUT) and the
//   inspector goes on to the next section as the phone keeps it.
import { kept, timeId } from "./store.js";
import { sync, seenBase, noteSeen, listen, discard } from "./queue.js";
import { t } from "./texts.js";

// The form's fields as the server reads them (files and buttons aside).
function fieldsOf(form) {
  const fields = {};
  for (const el of form.elements) {
    if (!el.name || el.type === "file" || el.type === "submit" || el.type === "button") continue;
    if ((el.type === "radio" || el.type === "checkbox") && !el.checked) continue;
    fields[el.name] = el.value;
  }
  return fields;
}

function fill(form, fields) {
  for (const el of form.elements) {
    if (!el.name || !(el.name in fields) || el.type === "file") continue;
    if (el.type === "radio" || el.type === "checkbox") el.checked = fields[el.name] === el.value;
    else el.value = fields[el.name];
  }
}

// The section's answers as the API's batch, read as the server reads the form
// (domain/audit/answer/form.rs): the section's question, then each item given anything.
function answersOf(form, fields) {
  const section = form.dataset.section;
  const get = (name) => {
    const v = fields[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  };
  const out = [];
  if (form.querySelector('input[name="applies"]')) {
    if (fields.applies === "no") return [{ section, result: "not_applicable" }];
    if (fields.applies === "yes") out.push({ section, result: "applicable" });
  }
  for (const li of form.querySelectorAll("li.audit-item")) {
    const item = li.id.replace(/^item-/, "");
    const answer = { item };
    const result = get("result." + item);
    const note = get("note." + item);
    if (result) answer.result = result;
    if (note) answer.note = note;
    if (form.elements["value." + item]) {
      const value = get("value." + item);
      if (value) {
        answer.value = value;
        const unit = get("unit." + item);
        if (unit) answer.unit = unit;
      }
    }
    if (form.elements["total." + item]) {
      const total = get("total." + item);
      const provided = get("provided." + item);
      if (total) answer.total = total;
      if (provided) answer.provided = provided;
    }
    if (Object.keys(answer).length > 1) out.push(answer);
  }
  return out;
}

// Each item's words, for the inspector to recognise it in the queue and in a conflict.
function labelsOf(form) {
  const labels = {};
  for (const li of form.querySelectorAll("li.audit-item")) {
    const legend = li.querySelector("legend.item-text");
    if (legend) labels[li.id.replace(/^item-/, "")] = legend.textContent.trim();
  }
  return labels;
}

function notice(form, text) {
  let p = form.parentNode.querySelector(".offline-kept");
  if (!p) {
    p = document.createElement("p");
    p.className = "notice offline-kept";
    p.setAttribute("role", "status");
    form.parentNode.insertBefore(p, form);
  }
  p.textContent = text;
}

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

// The photos of `item` still on the phone, shown beside its input.
async function showPhotos(form, item) {
  const li = form.querySelector("#item-" + CSS.escape(item));
  if (!li) return;
  const input = li.querySelector('input[type="file"]');
  let list = li.querySelector("ul.local-photos");
  if (!list) {
    list = document.createElement("ul");
    list.className = "thumbs local-photos";
    input.parentNode.appendChild(list);
  }
  const photos = (await kept.all("photo/")).filter((p) => p.audit === form.dataset.audit && p.item === item);
  list.replaceChildren();
  const text = li.querySelector("legend.item-text").textContent;
  for (const p of photos) {
    const entry = document.createElement("li");
    const img = document.createElement("img");
    img.src = URL.createObjectURL(p.blob);
    img.className = "local-photo";
    img.alt = t("photoKept") + ": " + text;
    img.onload = () => URL.revokeObjectURL(img.src);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link";
    remove.textContent = t("remove");
    remove.addEventListener("click", async () => {
      await discard("photo/" + p.id);
      showPhotos(form, item);
    });
    const label = document.createElement("span");
    label.className = "hint";
    label.textContent = t("photoKept");
    entry.append(img, " ", label, " ", remove);
    list.appendChild(entry);
  }
}

async function keepPhotos(form, input) {
  const item = input.name.replace(/^photo\./, "");
  // Taken out of the input at once: the queue sends them, the form does not.
  const files = Array.from(input.files);
  input.value = "";
  if (!files.length) return;
  const at = await position();
  const { state, version } = await seenBase(form.dataset.audit, form.dataset.state, Number(form.dataset.version));
  for (const file of files) {
    const id = crypto.randomUUID();
    // A copy of the bytes: a phone's file handle may stop being readable later.
    const blob = new Blob([await file.arrayBuffer()], { type: file.type });
    await kept.set("photo/" + id, {
      kind: "photo",
      id,
      audit: form.dataset.audit,
      site: form.dataset.site,
      section: form.dataset.section,
      item,
      itemText: input.closest("li.audit-item").querySelector("legend.item-text").textContent,
      blob,
      name: file.name,
      type: file.type,
      size: blob.size,
      captured: file.lastModified || Date.now(),
      position: at,
      base: { state, version },
      status: "waiting",
      created: Date.now(),
    });
  }
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
  await showPhotos(form, item);
  sync();
}

export async function enhanceSection(form) {
  const audit = form.dataset.audit;
  const section = form.dataset.section;
  const draftKey = "draft/" + audit + "/" + section;
  await noteSeen(audit, form.dataset.state, Number(form.dataset.version));

  const draft = await kept.get(draftKey);
  if (draft) {
    fill(form, draft.fields);
    notice(form, t("notSent"));
  }
  const flag = sessionStorage.getItem("tiepcan-kept");
  if (flag) {
    sessionStorage.removeItem("tiepcan-kept");
    notice(form, t("savedLocal"));
  }
  const save = () =>
    kept.set(draftKey, { audit, section, fields: fieldsOf(form), updated: Date.now() });
  form.addEventListener("input", (e) => {
    if (e.target.type !== "file") save();
  });
  // Photos being copied to the phone: saving waits for them, so none is left behind.
  let keeping = Promise.resolve();
  form.addEventListener("change", (e) => {
    if (e.target.type === "file") {
      const input = e.target;
      keeping = keeping.then(() => keepPhotos(form, input)).catch(() => {});
    } else save();
  });
  for (const input of form.querySelectorAll('input[type="file"]')) {
    input.multiple = true;
    showPhotos(form, input.name.replace(/^photo\./, ""));
  }
  listen((event) => {
    if (event.type === "changed") {
      for (const input of form.querySelectorAll('input[type="file"]')) showPhotos(form, input.name.replace(/^photo\./, ""));
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const then = event.submitter && event.submitter.value === "stay" ? "stay" : "next";
    const fields = fieldsOf(form);
    await save();
    const answers = answersOf(form, fields);
    const created = Date.now();
    const id = timeId();
    await keeping;
    if (navigator.onLine) {
      // The photos first, resumably, with their progress in the panel; then the page's
      // own form, as without this script, with a copy kept until its answer is seen.
      await sync();
      const base = await seenBase(audit, form.dataset.state, Number(form.dataset.version));
      await kept.set("posted/" + audit + "/" + section, {
        audit, section, title: form.dataset.title, site: form.dataset.site, labels: labelsOf(form),
        answers, fields, base, at: created,
      });
      await kept.del(draftKey);
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "then";
      hidden.value = then;
      form.appendChild(hidden);
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    if (answers.length) {
      const base = await seenBase(audit, form.dataset.state, Number(form.dataset.version));
      await kept.set("batch/" + id, {
        kind: "batch", id, audit, section, title: form.dataset.title, site: form.dataset.site,
        answers, fields, base, status: "waiting", created, labels: labelsOf(form),
      });
    }
    // Kept on the phone: on to the next section as the phone keeps it.
    sessionStorage.setItem("tiepcan-kept", "1");
    if (then === "stay") notice(form, t("savedLocal"));
    else location.href = form.dataset.next;
  });
}

// What was posted online and how it ended, seen on the next page: the server's answer
// (a landing after saving, or the section again with what it refused) ends the copy; no
// answer within half a minute, or the phone offline, and the copy is queued instead
// (sending a batch again changes nothing).
export async function settlePosted() {
  const params = new URLSearchParams(location.search);
  for (const p of await kept.all("posted/")) {
    const key = "posted/" + p.audit + "/" + p.section;
    const here = location.pathname.startsWith("/audits/" + p.audit);
    const landed =
      here &&
      (params.get("done") === "saved" || params.get("done") === "check" ||
        (location.pathname.endsWith("/sections/" + p.section) && document.querySelector(".error-summary")));
    if (landed) {
      await kept.del(key);
    } else if (!navigator.onLine || Date.now() - p.at > 30000) {
      if (p.answers.length) {
        const id = timeId();
        await kept.set("batch/" + id, {
          kind: "batch", id, audit: p.audit, section: p.section, title: p.title, site: p.site,
          answers: p.answers, fields: p.fields, base: p.base, labels: p.labels,
          status: "waiting", created: p.at,
        });
      }
      await kept.del(key);
    }
  }
}

// What the phone keeps (IndexedDB through idb-keyval), one record per key:
//   draft/AUDIT/SECTION  the section's fields as typed, until they are sent
//   batch/TIME-ID        a section's answers waiting to be sent (one PUT each)
//   photo/ID             a photo as a Blob, with its capture time and position
//   start/KEY            an audit started on the phone, to be created on the server
//   note/ID              answers the server could no longer take, kept as a note
//   seen/AUDIT           the audit's state and version as this phone last saw them
import { createStore, get, set, del, entries } from "idb-keyval";

const db = createStore("tiepcan-field", "kept");

// Writes go one after another, so a later keystroke never lands before an earlier one.
let chain = Promise.resolve();
function queued(work) {
  chain = chain.then(work, work);
  return chain;
}

export const kept = {
  get: (key) => get(key, db),
  set: (key, value) => queued(() => set(key, value, db)),
  del: (key) => queued(() => del(key, db)),
  // Every record whose key starts with `prefix`, in key order.
  all: async (prefix) =>
    (await entries(db))
      .filter(([key]) => String(key).startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, value]) => value),
};

// An id that sorts by time: batches are sent in the order they were saved.
export function timeId() {
  return new Date().toISOString() + "-" + crypto.randomUUID().slice(0, 8);
}

// Sending one kept photo. By the resumable tus 1.0 upload when the server offers it
// (tus-js-client, loaded on first use: one request per chunk, resumed from the offset the
// server reports), otherwise by the photo form of the API. Either way the photo's own id is its
// idempotency key (tus metadata `idempotency_key`, the form's `Idempotency-Key`), so
// sending it again never makes a second photo.
//
// The endpoint and the metadata keys are the server's (issue 23's server side); they are
// written here only, so they change in one place.

// tus-js-client comes in its own script (tus.js), loaded on the first photo sent: the
// field script's tag names its address, versioned like every static file.
const LIBRARY = document.currentScript && document.currentScript.dataset.upload;
let library = null;
function loadTus() {
  if (self.tiepcanTus) return Promise.resolve(self.tiepcanTus);
  if (!library) {
    library = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = LIBRARY;
      script.onload = () => (self.tiepcanTus ? resolve(self.tiepcanTus) : reject(new TypeError("no upload library")));
      script.onerror = () => {
        library = null; // the network failed: load it again next time
        script.remove();
        reject(new TypeError("network"));
      };
      document.head.append(script);
    });
  }
  return library;
}

export const TUS_ENDPOINT = "/api/v1/uploads";

// 256 KiB a chunk: on a 400 kbit/s uplink with 300 ms round trips a chunk takes about 5 s
// to send and costs one round trip and a few hundred bytes of headers, so the link is
// busy ~94 % of the time (80 % needs at least 60 KiB); a cut sends at most this again,
// and each request ends well inside the server's time limits. See docs/BENCHMARKS.md.
export const CHUNK_SIZE = 256 * 1024;

// The metadata keys of the server's tus endpoint (docs/uploads.md).
function metadata(photo) {
  const meta = {
    audit: photo.audit,
    filename: photo.name || "photo.jpg",
    filetype: photo.type || "application/octet-stream",
    // The same key for every try: a second upload of the file makes no second photo.
    idempotency_key: photo.id,
    taken_at: new Date(photo.captured).toISOString(),
  };
  if (photo.item) meta.item = photo.item;
  if (photo.position) meta.position = photo.position.lat + "," + photo.position.lon;
  return meta;
}

// Does this server take tus uploads? Asked once a page.
let offered = null;
function tusOffered() {
  if (offered === null) {
    offered = fetch(TUS_ENDPOINT, { method: "OPTIONS", credentials: "same-origin" })
      .then((r) => r.ok && r.headers.has("Tus-Version"))
      .catch(() => null);
    offered.then((v) => {
      if (v === null) offered = null; // the network failed: ask again next time
    });
  }
  return offered;
}

// A refusal the server stands by (the photo is wrong, the audit no longer takes
// photos): retrying the same bytes will not help.
export class Refused extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function errorText(status, body) {
  try {
    const e = JSON.parse(body).error;
    return e.message + (e.fields ? " " + Object.values(e.fields).flat().join(" ") : "");
  } catch (_) {
    return "HTTP " + status;
  }
}

// Sends `photo`; `progress(sent, total)` while it goes; `remember(url)` keeps the tus
// upload's address so a later try resumes it. Resolves when the server has the photo.
export async function sendPhoto(photo, progress, remember) {
  const viaTus = await tusOffered();
  if (viaTus === null) throw new TypeError("network");
  if (!viaTus || !LIBRARY) return sendByForm(photo, progress);
  return sendByTus(await loadTus(), photo, progress, remember);
}

function sendByTus(tus, photo, progress, remember) {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(photo.blob, {
      endpoint: TUS_ENDPOINT,
      uploadUrl: photo.uploadUrl || null,
      chunkSize: CHUNK_SIZE,
      retryDelays: [0, 1000, 3000],
      metadata: metadata(photo),
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => remember(upload.url),
      onProgress: progress,
      onSuccess: () => resolve(),
      onError: (err) => {
        const res = err.originalResponse;
        const status = res ? res.getStatus() : 0;
        const method = err.originalRequest ? err.originalRequest.getMethod() : "";
        if ((status === 404 || status === 410) && method !== "POST") {
          // The upload expired or was cleaned away: the next try starts a new one.
          remember(null);
          reject(new TypeError("upload expired"));
        } else if (status === 409 && method === "PATCH") {
          // Another try sent the same part: the next one asks the server's offset again.
          reject(new TypeError("offset moved"));
        } else if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
          reject(new Refused(status, errorText(status, res.getBody())));
        } else {
          reject(new TypeError(String(err)));
        }
      },
    });
    upload.start();
  });
}

function sendByForm(photo, progress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append("file", photo.blob, photo.name || "photo.jpg");
    if (photo.item) form.append("item", photo.item);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/audits/" + photo.audit + "/photos");
    xhr.setRequestHeader("Idempotency-Key", photo.id);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => progress(e.loaded, e.total || photo.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else if (xhr.status >= 400 && xhr.status < 500 && xhr.status !== 408 && xhr.status !== 429)
        reject(new Refused(xhr.status, errorText(xhr.status, xhr.responseText)));
      else reject(new TypeError("HTTP " + xhr.status));
    };
    xhr.onerror = () => reject(new TypeError("network"));
    xhr.ontimeout = () => reject(new TypeError("timeout"));
    xhr.send(form);
  });
}

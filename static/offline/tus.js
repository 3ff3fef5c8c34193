// The resumable upload library on its own (served as /static/tus.VERSION.js): most of the
// field script's weight, so it is fetched only when a photo is first sent, and kept by the
// service worker for offline use (upload.js loads it).
import * as tus from "tus-js-client";

self.tiepcanTus = tus;

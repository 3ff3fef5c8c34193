// The texts of the page's language, which the server renders into the status panel's
// `data-texts` (views/offline.rs): this script holds no language of its own.
let texts = null;
export function t(key, values) {
  if (!texts) {
    const panel = document.getElementById("offline-panel");
    try {
      texts = JSON.parse((panel && panel.dataset.texts) || "{}");
    } catch (_) {
      texts = {};
    }
  }
  let text = texts[key] || key;
  for (const [name, value] of Object.entries(values || {})) text = text.replace("{" + name + "}", value);
  return text;
}

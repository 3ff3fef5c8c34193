// tiếp cận: the home page's interactive map (Leaflet, served by this server).
// Every fact on it is also in the list beside it, which works without this script.
// - Markers come from /api/v1/public/clusters for the viewport, with the list's filters:
//   a circle with a count for several sites, the level's shape for one site.
// - A layer shades each area by its open findings (/api/v1/public/areas.geojson).
// - The status line under the map says what it shows; if the tiles cannot load, it says
//   so and the markers and the list still work.
// - The map's panel is hidden until this script runs, so a browser without it shows no
//   empty box. On a phone the list comes first and the map stays folded under its heading
//   until it is opened (and only then loads); on a wide screen it is open beside the list.
// - Each area's shape opens a popup with its open barriers, a link to its page, and a link
//   to report a barrier at the point touched (a place in no registry).
(function () {
  "use strict";
  var el = document.getElementById("map");
  var panel = document.getElementById("map-panel");
  var fold = document.getElementById("map-fold");
  if (!el || !panel || !fold || !window.L) return;
  panel.hidden = false;
  // Beside the list only once it shows: without this script the list takes the width.
  if (panel.closest(".home-with-map")) panel.closest(".home-with-map").classList.add("map-shown");
  if (window.matchMedia("(max-width: 55.99rem)").matches) fold.open = false;
  var started = false;
  function start() {
    if (started || !fold.open) return;
    started = true;
    draw();
  }
  fold.addEventListener("toggle", start);
  start();

  function draw() {
    var labels = JSON.parse(el.dataset.labels);
    var status = document.getElementById("map-status");
    var filters = el.dataset.filters ? "&" + el.dataset.filters : "";
    var region = el.dataset.region.split(",").map(Number);

    var map = L.map(el, { zoomSnap: 1 });
    map.fitBounds([[region[1], region[0]], [region[3], region[2]]]);

    var tilesFailed = false;
    var tiles = L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 19 });
    tiles.on("tileerror", function () {
      if (tilesFailed) return;
      tilesFailed = true;
      say(labels.tilesFailed);
    });
    tiles.addTo(map);

    var lastCount = "";
    function say(text) {
      var parts = [lastCount];
      if (tilesFailed) parts.push(labels.tilesFailed);
      if (text && parts.indexOf(text) < 0) parts.push(text);
      status.textContent = parts.filter(Boolean).join(" ");
    }

    function text(tag, className, content) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      node.textContent = content;
      return node;
    }

    function icon(className, shown, spoken, size) {
      var html = document.createElement("span");
      html.appendChild(text("span", "map-mark", shown)).setAttribute("aria-hidden", "true");
      html.appendChild(text("span", "visually-hidden", spoken));
      return L.divIcon({ className: className, html: html, iconSize: [size, size] });
    }

    var markers = L.layerGroup().addTo(map);
    var shown = {};
    function siteMarker(item) {
      var level = labels.levels[item.level] || item.level;
      var marker = L.marker([item.lat, item.lon], {
        icon: icon("map-site level-" + item.level, labels.marks[item.level] || "?", item.name + ": " + level, 28),
        keyboard: true,
        autoPanOnFocus: false,
      });
      var popup = document.createElement("div");
      popup.appendChild(text("strong", "", item.name));
      popup.appendChild(text("p", "level level-" + item.level, level));
      var link = popup.appendChild(text("a", "", labels.openSite));
      link.href = item.url;
      marker.bindPopup(popup);
      return marker;
    }

    function clusterMarker(item) {
      var spoken = labels.cluster.replace("{n}", item.count);
      var marker = L.marker([item.lat, item.lon], {
        icon: icon("map-cluster", String(item.count), spoken, 40),
        keyboard: true,
        autoPanOnFocus: false,
      });
      var zoomIn = function () {
        map.setView([item.lat, item.lon], Math.min(map.getZoom() + 2, map.getMaxZoom()));
      };
      marker.on("click", zoomIn);
      // Leaflet opens popups on Enter but passes no other key on: a cluster zooms in on Enter.
      marker.on("keypress", function (e) { if (e.originalEvent.key === "Enter") zoomIn(); });
      return marker;
    }

    var asked = 0;
    function load() {
      var b = map.getBounds();
      var clamp = function (v, lo, hi) { return Math.min(hi, Math.max(lo, v)).toFixed(5); };
      var bbox = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -85, 85),
        clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -85, 85)].join(",");
      var mine = ++asked;
      fetch("/api/v1/public/clusters?zoom=" + map.getZoom() + "&bbox=" + bbox + filters)
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (body) {
          if (mine !== asked) return;
          // Markers that stay keep their place (and their focus or open popup); only those
          // that changed are taken off or added.
          var next = {};
          var sites = 0, clusters = 0;
          body.items.forEach(function (item) {
            var key = item.type === "cluster"
              ? "c:" + item.lat + "," + item.lon + "," + item.count
              : "s:" + item.id + "," + item.level;
            if (item.type === "cluster") clusters += 1; else sites += 1;
            next[key] = shown[key] || (item.type === "cluster" ? clusterMarker(item) : siteMarker(item));
          });
          Object.keys(shown).forEach(function (key) {
            var marker = shown[key];
            var focused = marker.getElement() && marker.getElement().contains(document.activeElement);
            if (next[key]) return;
            if (focused || marker.isPopupOpen()) next[key] = marker;
            else markers.removeLayer(marker);
          });
          Object.keys(next).forEach(function (key) { if (!shown[key]) markers.addLayer(next[key]); });
          shown = next;
          lastCount = labels.showing.replace("{sites}", sites).replace("{clusters}", clusters);
          say("");
        })
        .catch(function () { if (mine === asked) say(labels.loadFailed); });
    }
    // A popup opened from the keyboard takes the focus to its link, so Tab does not have to
    // pass every other marker to reach it.
    map.on("popupopen", function (e) {
      var link = e.popup.getElement().querySelector("a[href]");
      if (link) link.focus();
    });
    map.on("moveend", load);
    load();

    // Open findings by area: five shades, each named in the legend.
    var classes = [[0, 0], [1, 2], [3, 5], [6, 10], [11, Infinity]];
    var shades = ["#f7f7f7", "#fdd49e", "#fdae6b", "#e6550d", "#a63603"];
    function shade(n) {
      for (var i = 0; i < classes.length; i += 1) if (n <= classes[i][1]) return shades[i];
      return shades[shades.length - 1];
    }
    fetch("/api/v1/public/areas.geojson")
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (areas) {
        var layer = L.geoJSON(areas, {
          style: function (f) {
            return { fillColor: shade(f.properties.open_findings), fillOpacity: 0.45, color: "#555", weight: 1 };
          },
          onEachFeature: function (f, shape) {
            var popup = document.createElement("div");
            popup.appendChild(text("strong", "", f.properties.name));
            popup.appendChild(text("p", "", labels.areaFindings.replace("{n}", f.properties.open_findings)));
            var link = popup.appendChild(text("a", "", labels.openArea));
            link.href = f.properties.url;
            // A barrier at a place in no registry is reported where the map was touched.
            popup.appendChild(document.createElement("br"));
            var report = popup.appendChild(text("a", "", labels.reportHere));
            shape.bindPopup(popup);
            shape.on("popupopen", function (e) {
              var at = e.popup.getLatLng();
              report.href = "/barriers/new?lat=" + at.lat.toFixed(6) + "&lon=" + at.lng.toFixed(6);
            });
          },
        }).addTo(map);
        layer.bringToBack();
        var overlays = {};
        overlays[labels.openFindings] = layer;
        L.control.layers(null, overlays, { collapsed: false }).addTo(map);
        var legend = L.control({ position: "bottomleft" });
        legend.onAdd = function () {
          var box = L.DomUtil.create("div", "map-legend");
          box.appendChild(text("p", "", labels.openFindings));
          var list = box.appendChild(document.createElement("ul"));
          classes.forEach(function (c, i) {
            var item = list.appendChild(document.createElement("li"));
            item.appendChild(text("span", "swatch", "")).style.background = shades[i];
            var range = c[0] === c[1] ? String(c[0]) : c[1] === Infinity ? c[0] + "+" : c[0] + "–" + c[1];
            item.appendChild(document.createTextNode(" " + range));
          });
          return box;
        };
        legend.addTo(map);
      })
      .catch(function () { say(labels.loadFailed); });
  }
})();

# A fixed list of GeoJSON queries: map viewports of 1024x768 pixels at zooms 10 to 16 over
# Lạng Sơn, mixed with the list's filters, one query string a line, every line different.
#   awk -v n=1000 -f benches/geojson_load/viewports.awk
# No random numbers: the centres are a Halton sequence (bases 2 and 3), three in five
# about a district town (where the sites are) and the others anywhere in the province, so
# the list is the same on every machine and every awk.
function halton(i, base,    f, r) {
  f = 1; r = 0
  while (i > 0) { f = f / base; r = r + f * (i % base); i = int(i / base) }
  return r
}
function clamp(v, lo, hi) { return v < lo ? lo : (v > hi ? hi : v) }
BEGIN {
  if (n == "") n = 1000
  # The province's box and the district towns (as in src/domain/demo: lat, lon).
  min_lon = 106.10; min_lat = 21.32; max_lon = 107.35; max_lat = 22.45
  split("21.854 22.258 21.960 22.056 21.867 21.865 21.900 21.506 21.658 21.761 21.546", tlat, " ")
  split("106.759 106.469 106.367 106.614 106.770 106.539 106.319 106.345 106.579 106.920 107.099", tlon, " ")
  split("public_building transport_stop cultural_site", kinds, " ")
  split("accessible partly not_accessible unknown", levels, " ")
  split("parking approach entrance inside_routes lift toilet counter signage alarm seating boarding visit rooms", features, " ")
  made = 0
  for (i = 1; made < n; i++) {
    zoom = 10 + i % 7
    # Degrees across 1024 pixels at this zoom; 768 pixels down, at 22 degrees north.
    width = 1024 / 256 * 360 / 2 ^ zoom
    height = width * 0.75 * 0.927
    hx = halton(i, 2); hy = halton(i, 3)
    if (i % 5 < 3) {
      t = 1 + (i * 7) % 11
      lon = tlon[t] + (hx - 0.5) * 0.24
      lat = tlat[t] + (hy - 0.5) * 0.24
    } else {
      lon = min_lon + hx * (max_lon - min_lon)
      lat = min_lat + hy * (max_lat - min_lat)
    }
    w = clamp(lon - width / 2, -180, 180); e = clamp(lon + width / 2, -180, 180)
    s = clamp(lat - height / 2, -90, 90); nn = clamp(lat + height / 2, -90, 90)
    q = sprintf("bbox=%.4f,%.4f,%.4f,%.4f", w, s, e, nn)
    # Two in five with no filter, the others a kind, a level, a feature, a pair of them,
    # or another page size.
    f = (i * 13) % 20
    k = kinds[1 + int(i / 20) % 3]
    l = levels[1 + int(i / 20) % 4]
    g = features[1 + int(i / 20) % 13]
    if (f >= 8 && f <= 10) q = q "&kind=" k
    else if (f >= 11 && f <= 12) q = q "&level=" l
    else if (f >= 13 && f <= 14) q = q "&feature=" g
    else if (f == 15) q = q "&kind=" k "&level=" l
    else if (f == 16) q = q "&kind=" k "&feature=" g
    else if (f >= 17 && f <= 18) q = q "&limit=100"
    else if (f == 19) q = q "&kind=" k "&limit=1000"
    if (!(q in seen)) { seen[q] = 1; print q; made++ }
  }
}

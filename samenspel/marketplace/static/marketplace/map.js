// The marketplace map: needs and offers as markers over the wijk boundaries.
// Progressive enhancement: the lists beside the map hold the same listings.
(function () {
  "use strict";

  function readJson(id) {
    var node = id && document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  var COLOURS = { need: "#b3124b", offer: "#0b6e4f" };

  function popup(point) {
    // Built from DOM nodes, never from HTML strings: titles are written by residents.
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.className = "utrecht-link";
    link.textContent = point.title;
    box.appendChild(link);
    var meta = document.createElement("p");
    meta.textContent = point.type_label + " · " + point.category;
    box.appendChild(meta);
    return box;
  }

  function draw(element) {
    var data = readJson(element.dataset.mapData);
    if (!data) { return; }
    var map = L.map(element, { scrollWheelZoom: false }).setView(data.center, 13);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution || "", maxZoom: 19 }).addTo(map);
    }
    var features = data.areas.map(function (area) {
      return { type: "Feature", geometry: area.boundary, properties: { name: area.name } };
    });
    var outline = null;
    if (features.length) {
      outline = L.geoJSON({ type: "FeatureCollection", features: features }, {
        style: { color: "#1a5e8a", weight: 1.5, fillColor: "#cfe4f2", fillOpacity: 0.35 },
        onEachFeature: function (feature, shape) { shape.bindTooltip(feature.properties.name); }
      }).addTo(map);
      map.fitBounds(outline.getBounds());
    }
    // Several listings of one wijk share its centre; a small spiral keeps them apart.
    var seen = {};
    data.points.forEach(function (point) {
      var key = point.lat.toFixed(4) + "," + point.lon.toFixed(4);
      var n = seen[key] = (seen[key] || 0) + 1;
      var angle = n * 2.4, radius = n > 1 ? 0.0007 * Math.sqrt(n) : 0;
      var latlng = [point.lat + radius * Math.sin(angle), point.lon + radius * 1.6 * Math.cos(angle)];
      L.circleMarker(latlng, {
        radius: 7, color: "#1b1b1b", weight: 1.5, fillColor: COLOURS[point.type], fillOpacity: 0.9
      }).bindPopup(popup(point)).addTo(map);
    });
    element.dataset.loaded = String(data.points.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-map-data]").forEach(draw);
  });
})();

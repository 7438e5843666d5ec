// Maps for initiatives: overview markers, a page's point, and the place picker of the form.
// Progressive enhancement only: every map has a list or a text field that does the same.
(function () {
  "use strict";

  function readJson(id) {
    var node = id && document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function baseMap(element, center) {
    var map = L.map(element, { scrollWheelZoom: false }).setView(center || [52.09, 5.56], 13);
    var tiles = element.dataset.tileUrl;
    if (tiles) {
      L.tileLayer(tiles, { attribution: element.dataset.tileAttribution || "", maxZoom: 19 }).addTo(map);
    }
    return map;
  }

  function drawBoundaries(map, data) {
    if (!data || !data.features || !data.features.length) { return null; }
    var layer = L.geoJSON(data, {
      style: { color: "#1a5e8a", weight: 1.5, fillColor: "#cfe4f2", fillOpacity: 0.35 },
      onEachFeature: function (feature, shape) {
        if (feature.properties && feature.properties.name) { shape.bindTooltip(feature.properties.name); }
      }
    }).addTo(map);
    return layer;
  }

  function popup(properties) {
    // Built from DOM nodes, never from HTML strings: titles are written by residents.
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.className = "utrecht-link map-link";
    link.textContent = properties.title;
    box.appendChild(link);
    var meta = document.createElement("p");
    meta.textContent = [properties.status, properties.neighbourhood].filter(Boolean).join(" · ");
    box.appendChild(meta);
    return box;
  }

  function overview(element) {
    var map = baseMap(element);
    var outline = drawBoundaries(map, readJson(element.dataset.boundaries));
    if (outline) { map.fitBounds(outline.getBounds()); }
    fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var markers = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, { radius: 7, color: "#0b3d5c", weight: 2, fillColor: "#e17000", fillOpacity: 0.9 });
          },
          onEachFeature: function (feature, layer) { layer.bindPopup(popup(feature.properties)); }
        }).addTo(map);
        element.dataset.loaded = String(data.features.length);
        if (!outline && data.features.length) { map.fitBounds(markers.getBounds()); }
      });
  }

  function single(element) {
    var point = readJson(element.dataset.point);
    if (!point) { return; }
    var map = baseMap(element, [point.lat, point.lon]);
    var boundary = readJson(element.dataset.boundary);
    if (boundary) {
      drawBoundaries(map, { type: "FeatureCollection", features: [{ type: "Feature", geometry: boundary, properties: {} }] });
    }
    L.circleMarker([point.lat, point.lon], { radius: 9, color: "#0b3d5c", weight: 2, fillColor: "#e17000", fillOpacity: 0.9 }).addTo(map);
    map.setView([point.lat, point.lon], 15);
  }

  function picker(element) {
    var input = document.getElementById(element.dataset.pickerFor);
    if (!input) { return; }
    var center = (element.dataset.center || "52.09,5.56").split(",").map(Number);
    var map = baseMap(element, center);
    var outline = drawBoundaries(map, readJson(element.dataset.boundaries));
    if (outline) { map.fitBounds(outline.getBounds()); }
    var marker = null;
    function place(lat, lon) {
      if (marker) { marker.setLatLng([lat, lon]); }
      else { marker = L.circleMarker([lat, lon], { radius: 9, color: "#0b3d5c", weight: 2, fillColor: "#e17000", fillOpacity: 0.9 }).addTo(map); }
    }
    function fromInput() {
      var parts = input.value.split(",").map(function (p) { return parseFloat(p); });
      if (parts.length === 2 && !isNaN(parts[0]) && !isNaN(parts[1])) { place(parts[0], parts[1]); }
    }
    fromInput();
    input.addEventListener("change", fromInput);
    var clicked = function (event) {
      var lat = event.latlng.lat.toFixed(5), lon = event.latlng.lng.toFixed(5);
      input.value = lat + ", " + lon;
      place(Number(lat), Number(lon));
    };
    map.on("click", clicked);
    if (outline) { outline.on("click", clicked); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") { return; }
    document.querySelectorAll("[data-geojson-url]").forEach(overview);
    document.querySelectorAll("[data-point]").forEach(single);
    document.querySelectorAll("[data-picker-for]").forEach(picker);
  });
})();

// Initiatives' maps: the overview, an initiative's point, and the place picker of the form.
// Drawing lives in SamenspelMap (samenspel/js/map.js); this file only hands over each page's data.
(function () {
  "use strict";
  var M = window.SamenspelMap;
  if (!M) { return; }

  function overview(element) {
    var map = M.create(element);
    var outline = M.areas(map, M.readJson(element.dataset.boundaries));
    M.fit(map, [outline]);
    M.getJson(element.dataset.geojsonUrl).then(function (answer) {
      var features = (answer.data && answer.data.features) || [];
      var points = features.map(function (feature) {
        var p = feature.properties;
        return {
          lat: feature.geometry.coordinates[1], lon: feature.geometry.coordinates[0], title: p.title, url: p.url,
          meta: [p.status, p.neighbourhood].filter(Boolean).join(" · ")
        };
      });
      var markers = M.markers(map, points);
      if (!outline) { M.fit(map, [markers]); }
      element.dataset.loaded = String(points.length);
    });
  }

  function single(element) {
    var point = M.readJson(element.dataset.point);
    if (!point) { return; }
    var map = M.create(element, { center: [point.lat, point.lon], zoom: 15 });
    var boundary = M.readJson(element.dataset.boundary);
    if (boundary) {
      M.areas(map, { type: "FeatureCollection", features: [{ type: "Feature", geometry: boundary, properties: { name: element.dataset.areaName } }] });
    }
    M.markers(map, [point]);
  }

  M.ready(function () {
    document.querySelectorAll("[data-geojson-url]").forEach(overview);
    document.querySelectorAll("[data-point]").forEach(single);
    document.querySelectorAll("[data-picker-for]").forEach(function (element) {
      var pick = M.picker(element, M.readJson(element.dataset.boundaries));
      document.querySelectorAll("[data-address-search]").forEach(function (box) { M.addressSearch(box, pick); });
    });
  });
})();

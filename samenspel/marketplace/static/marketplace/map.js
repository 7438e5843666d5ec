// The marketplace map: needs and offers at the centre of their wijk, over the named wijken.
// Drawing lives in SamenspelMap (samenspel/js/map.js); the lists beside the map hold the same listings.
(function () {
  "use strict";
  var M = window.SamenspelMap;
  if (!M) { return; }
  var COLOURS = { need: "#b3124b", offer: "#0b6e4f" };

  M.ready(function () {
    document.querySelectorAll("[data-map-data]").forEach(function (element) {
      var data = M.readJson(element.dataset.mapData);
      if (!data) { return; }
      var map = M.create(element, { center: data.center });
      var outline = M.areas(map, {
        type: "FeatureCollection",
        features: data.areas.map(function (area) {
          return { type: "Feature", geometry: area.boundary, properties: { name: area.name, label: area.label || null } };
        })
      });
      M.fit(map, [outline]);
      M.markers(map, data.points.map(function (point) {
        return {
          lat: point.lat, lon: point.lon, title: point.title, url: point.url,
          meta: point.type_label + " · " + point.category, colour: COLOURS[point.type]
        };
      }), { spread: true });
      element.dataset.loaded = String(data.points.length);
    });
  });
})();

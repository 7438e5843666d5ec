// Map of funded plans over the named wijken. Drawing lives in SamenspelMap (samenspel/js/map.js);
// the list beside the map names the same plans with their wijk.
(function () {
  "use strict";
  var M = window.SamenspelMap;
  if (!M) { return; }

  M.ready(function () {
    document.querySelectorAll("[data-budget-map]").forEach(function (element) {
      var data = M.readJson(element.dataset.budgetMap) || { points: [], boundaries: null };
      var map = M.create(element);
      var outline = M.areas(map, data.boundaries);
      var markers = M.markers(map, data.points);
      M.fit(map, [outline, markers]);
      element.dataset.loaded = String(data.points.length);
    });
  });
})();

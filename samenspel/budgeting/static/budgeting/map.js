// Map of funded plans. Tiles only when configured; otherwise neighbourhood outlines.
// A list of the same plans sits beside the map, so the map is an extra, not the only way.
(function () {
  "use strict";
  function init() {
    var element = document.querySelector("[data-budget-map]");
    if (!element || typeof L === "undefined") { return; }
    var source = document.getElementById(element.dataset.budgetMap);
    var data = source ? JSON.parse(source.textContent) : { points: [], boundaries: null };
    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution || "" }).addTo(map);
    }
    // Leaflet draws vector layers against the map's view, so the view is set before any is added.
    var layers = [];
    var bounds = [];
    if (data.boundaries && data.boundaries.features.length) {
      var outline = L.geoJSON(data.boundaries, { style: { color: "#595959", weight: 1, fillOpacity: 0.05 } });
      layers.push(outline);
      bounds.push(outline.getBounds());
    }
    data.points.forEach(function (point) {
      var marker = L.circleMarker([point.lat, point.lon], { radius: 8, color: "#0b4f8a", fillOpacity: 0.8 });
      var link = document.createElement("a");
      link.href = point.url;
      link.textContent = point.title;
      marker.bindPopup(link);
      layers.push(marker);
      bounds.push(L.latLngBounds([point.lat, point.lon], [point.lat, point.lon]));
    });
    if (bounds.length) {
      var all = L.latLngBounds(bounds[0].getSouthWest(), bounds[0].getNorthEast());
      bounds.forEach(function (b) { all.extend(b); });
      map.fitBounds(all, { padding: [20, 20] });
    } else {
      map.setView([52.09, 5.12], 12);
    }
    layers.forEach(function (layer) { layer.addTo(map); });
  }
  document.addEventListener("DOMContentLoaded", init);
})();

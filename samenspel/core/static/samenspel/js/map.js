// SamenspelMap: the one map module every map page uses (initiatives, marketplace, budget result).
// Pages pass their data; this module draws the base map, the wijken with their names always
// visible, markers, and the place picker with address search. Progressive enhancement only:
// every map sits beside a list of the same places, and the form works without it. No text of
// its own: every sentence comes from the page (data-text-* attributes), in the page's language.
(function () {
  "use strict";

  var MARKER = { radius: 8, color: "#0b3d5c", weight: 2, fillColor: "#e17000", fillOpacity: 0.9 };
  var AREA = { color: "#1a5e8a", weight: 1.5, fillColor: "#cfe4f2", fillOpacity: 0.25 };
  var DEFAULT_CENTER = [52.09, 5.56];

  function readJson(id) {
    var node = id && document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function parseCenter(text) {
    var parts = (text || "").split(",").map(Number);
    return parts.length === 2 && !isNaN(parts[0]) && !isNaN(parts[1]) ? parts : null;
  }

  // The base map: tiles only when the deployment configured them (TILE_URL), so a map
  // without them still shows the outlines and names. The view is set at once, because
  // Leaflet draws vector layers against the view.
  function create(element, options) {
    options = options || {};
    var center = options.center || parseCenter(element.dataset.center) || DEFAULT_CENTER;
    // Quarter zoom steps let a town fill the map, so the wijk names have room.
    var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25, zoomDelta: 0.5 }).setView(center, options.zoom || 13);
    if (element.dataset.tileUrl) {
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution || "", maxZoom: 19
      }).addTo(map);
    }
    // The text that stands in for the map without JavaScript or Leaflet goes once the map runs.
    element.querySelectorAll(".map-fallback").forEach(function (node) { node.remove(); });
    element.classList.add("map--ready");
    return map;
  }

  // Wijken as outlines with their names always shown (above the markers, but letting clicks
  // through to them), each label at the point inside the
  // area that the server computed (properties.label, [lat, lon]), so a label never sits on
  // a neighbour. Features come in the server's order: a buurt after (on top of) its wijk.
  function areas(map, collection, style) {
    if (!collection || !collection.features || !collection.features.length) { return null; }
    var layer = L.geoJSON(collection, { style: style || AREA, interactive: false }).addTo(map);
    collection.features.forEach(function (feature) {
      var props = feature.properties || {};
      if (!props.name) { return; }
      var at = props.label || null;
      if (!at) {
        var shape = L.geoJSON(feature);
        at = shape.getBounds().getCenter();
      }
      var text = document.createElement("span");
      text.textContent = props.name;
      L.tooltip({ permanent: true, direction: "center", className: "map-label", interactive: false })
        .setLatLng(at).setContent(text).addTo(map);
    });
    return layer;
  }

  // Markers with a popup built from DOM nodes, never from HTML strings: titles are residents'.
  // points: [{lat, lon, title, url, meta, colour}]. With spread, markers that share a spot
  // (listings at the centre of their wijk) are set apart on a small spiral.
  function markers(map, points, options) {
    options = options || {};
    var group = L.featureGroup();
    var seen = {};
    (points || []).forEach(function (point) {
      var lat = point.lat, lon = point.lon;
      if (options.spread) {
        var key = lat.toFixed(4) + "," + lon.toFixed(4);
        var n = seen[key] = (seen[key] || 0) + 1;
        var angle = n * 2.4, radius = n > 1 ? 0.0007 * Math.sqrt(n) : 0;
        lat += radius * Math.sin(angle);
        lon += radius * 1.6 * Math.cos(angle);
      }
      var style = L.extend({}, MARKER, point.colour ? { fillColor: point.colour, color: "#1b1b1b" } : {});
      var marker = L.circleMarker([lat, lon], style);
      if (point.url) { marker.bindPopup(popup(point)); }
      group.addLayer(marker);
    });
    return group.addTo(map);
  }

  function popup(point) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.className = "utrecht-link map-link";
    link.textContent = point.title;
    box.appendChild(link);
    if (point.meta) {
      var meta = document.createElement("p");
      meta.textContent = point.meta;
      box.appendChild(meta);
    }
    return box;
  }

  // Fit the view to whatever was drawn; keep the starting view when nothing was.
  function fit(map, layers) {
    var bounds = null;
    layers.forEach(function (layer) {
      if (!layer || !layer.getBounds) { return; }
      var b = layer.getBounds();
      if (!b.isValid()) { return; }
      bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
    });
    if (bounds) { map.fitBounds(bounds, { padding: [12, 12] }); }
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { ok: response.ok, data: data };
        });
      });
  }

  function fill(template, value) { return (template || "").replace("%s", value); }

  // The place picker of a form. The map element names the fields it fills:
  //   data-picker-for: the coordinates input ("lat, lon"),
  //   data-neighbourhood-select: the wijk select, set to the wijk the server derives,
  //   data-place-url: our view that answers which wijk a point is in,
  //   data-status: a live region for "Deze plek ligt in ..." (data-text-in / data-text-outside).
  // The wijk is never guessed in the browser: it comes from the same test that saves it.
  function picker(element, boundaries) {
    var input = document.getElementById(element.dataset.pickerFor);
    if (!input) { return null; }
    var select = document.getElementById(element.dataset.neighbourhoodSelect || "");
    var status = document.getElementById(element.dataset.status || "");
    var map = create(element);
    var outline = areas(map, boundaries);
    fit(map, [outline]);
    var marker = null;

    function say(text) { if (status) { status.textContent = text; } }

    function show(lat, lon) {
      if (marker) { marker.setLatLng([lat, lon]); }
      // Not interactive: a click on the marker is a click on the map below it.
      else { marker = L.circleMarker([lat, lon], L.extend({ interactive: false }, MARKER)).addTo(map); }
    }

    function settle(area) {
      if (area && select) { select.value = String(area.id); }
      say(area ? fill(element.dataset.textIn, area.name) : element.dataset.textOutside || "");
    }

    function lookUp(lat, lon) {
      if (!element.dataset.placeUrl) { return; }
      getJson(element.dataset.placeUrl + "?lat=" + lat + "&lon=" + lon).then(function (answer) {
        if (answer.ok) { settle(answer.data.neighbourhood); }
      }).catch(function () { /* offline: the form still derives the wijk when it is sent */ });
    }

    function choose(lat, lon, area) {
      input.value = Number(lat).toFixed(5) + ", " + Number(lon).toFixed(5);
      show(Number(lat), Number(lon));
      if (area !== undefined) { settle(area); } else { lookUp(input.value.split(", ")[0], input.value.split(", ")[1]); }
    }

    function fromInput() {
      var parts = input.value.split(",").map(function (p) { return parseFloat(p); });
      if (parts.length === 2 && !isNaN(parts[0]) && !isNaN(parts[1])) {
        show(parts[0], parts[1]);
        lookUp(parts[0], parts[1]);
      }
    }

    fromInput();  // an edited initiative's point: its marker, and the wijk it is saved in
    input.addEventListener("change", fromInput);
    map.on("click", function (event) { choose(event.latlng.lat, event.latlng.lng); });
    return {
      map: map,
      choose: function (lat, lon, area) { choose(lat, lon, area); map.setView([lat, lon], Math.max(map.getZoom(), 16)); }
    };
  }

  // Address search beside a picker: the person types, our server asks the Locatieserver,
  // each suggestion is a button; picking one sets the point, the wijk and the address field.
  //   data-address-search: our view's URL, data-address-field: the form's address input,
  //   data-text-searching / data-text-failed: sentences for the live region.
  function addressSearch(box, pick) {
    var field = box.querySelector("input[type=search]");
    var button = box.querySelector("button");
    var list = box.querySelector("ul");
    var status = box.querySelector("[role=status]");
    var address = document.getElementById(box.dataset.addressField || "");
    if (!field || !button || !list || !status || !pick) { return; }
    box.hidden = false;
    var timer = null, asked = "";

    function clear() { while (list.firstChild) { list.removeChild(list.firstChild); } }

    function offer(result) {
      var item = document.createElement("li");
      var option = document.createElement("button");
      option.type = "button";
      option.className = "utrecht-button utrecht-button--subtle address-search__option";
      option.textContent = result.label + (result.neighbourhood ? " (" + result.neighbourhood.name + ")" : "");
      option.addEventListener("click", function () {
        window.clearTimeout(timer);
        asked = result.label;
        pick.choose(result.lat, result.lon, result.neighbourhood);
        if (address) { address.value = result.label; }
        field.value = result.label;
        clear();
        status.textContent = fill(box.dataset.textChosen, option.textContent);
        field.focus();
      });
      item.appendChild(option);
      list.appendChild(item);
    }

    function search() {
      var query = field.value.trim();
      if (query.length < 3 || query === asked) { return; }
      asked = query;
      status.textContent = box.dataset.textSearching || "";
      getJson(box.dataset.addressSearch + "?q=" + encodeURIComponent(query)).then(function (answer) {
        if (query !== asked) { return; }
        clear();
        if (!answer.ok) { status.textContent = answer.data.error || box.dataset.textFailed || ""; return; }
        answer.data.results.forEach(offer);
        var count = answer.data.results.length;
        status.textContent = count === 1 ? box.dataset.textFoundOne || "" : count ? fill(box.dataset.textFound, count) : answer.data.message;
      }).catch(function () {
        asked = "";
        status.textContent = box.dataset.textFailed || "";
      });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(search, 400);
    });
    // Enter searches; it must not send the whole form.
    field.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); window.clearTimeout(timer); asked = ""; search(); }
    });
    button.addEventListener("click", function () { window.clearTimeout(timer); asked = ""; search(); });
  }

  window.SamenspelMap = {
    ready: function (start) {
      document.addEventListener("DOMContentLoaded", function () {
        if (typeof L === "undefined") { return; }  // Leaflet did not load: the lists remain.
        start();
      });
    },
    readJson: readJson,
    create: create,
    areas: areas,
    markers: markers,
    fit: fit,
    getJson: getJson,
    picker: picker,
    addressSearch: addressSearch
  };
})();

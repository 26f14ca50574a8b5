/* Border maps, drawn with the vendored Leaflet from the GeoJSON of /api/v1/.
 * Beneath the data, a map that sets data-geo-url draws the shipped background (geo/vn-la.geojson:
 * provinces with their names, both countries' outlines, the Viet Nam–Laos border line) as SVG in
 * panes of its own, so it needs no tiles and no network. Markers and routes go on a canvas, which
 * stays fast with thousands of markers. A tile server (BORDERTWIN_MAP_TILE_URL) adds a basemap.
 */
(function () {
  "use strict";
  var CONDITION_COLOURS = { good: "#2e7d32", damaged: "#c62828", tilted: "#ef6c00", buried: "#6d4c41", missing: "#111111" };
  var NEVER = "#9e9e9e";
  var AGE_COLOURS = { recent: "#2e7d32", due: "#f9a825", overdue: "#c62828" };
  var CATEGORY_COLOUR = "#6a1b9a";

  function jsonFrom(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    var value = JSON.parse(node.textContent);
    return typeof value === "string" ? JSON.parse(value) : value;
  }

  var GEO_STYLES = {
    province: { color: "#90a4ae", weight: 1, fillColor: "#fbfaf5", fillOpacity: 0.7 },
    country: { color: "#546e7a", weight: 1.5, fill: false },
    border: { color: "#b71c1c", weight: 3, opacity: 0.85 },
  };
  var LABELS_FROM_ZOOM = 7;

  /* Provinces, then outlines, then the border line, each path with the class bt-<layer>; the
   * provinces' names as permanent tooltips shown from LABELS_FROM_ZOOM on. Nothing is clickable. */
  function background(map, element) {
    map.createPane("geo").style.zIndex = 350;
    map.createPane("geo-labels").style.zIndex = 360;
    var renderer = L.svg({ pane: "geo" });
    var vietnamese = (document.documentElement.lang || "").indexOf("vi") === 0;
    var labels = L.layerGroup();
    function zoomed() {
      if (map.getZoom() >= LABELS_FROM_ZOOM) { labels.addTo(map); } else { labels.remove(); }
    }
    return fetch(element.dataset.geoUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (collection) {
        ["province", "country", "border"].forEach(function (layer) {
          L.geoJSON({ type: "FeatureCollection", features: collection.features.filter(function (f) { return f.properties.layer === layer; }) }, {
            renderer: renderer, pane: "geo", interactive: false,
            style: function (feature) {
              var style = L.extend({ className: "bt-" + layer }, GEO_STYLES[layer]);
              if (feature.properties.country) { style.className += " bt-" + layer + "-" + feature.properties.country; }
              return style;
            },
          }).addTo(map);
        });
        collection.features.forEach(function (feature) {
          var p = feature.properties;
          if (p.layer !== "province") { return; }
          L.tooltip({ permanent: true, direction: "center", pane: "geo-labels", className: "bt-province-label", interactive: false })
            .setLatLng([p.label[1], p.label[0]]).setContent(plain(vietnamese ? p.name_vi : p.name)).addTo(labels);
        });
        map.on("zoomend", zoomed);
        zoomed();
      })
      .catch(function () { element.classList.add("no-background"); });
  }

  function baseMap(element) {
    var map = L.map(element, { preferCanvas: true });
    var tiles = element.dataset.tileUrl;
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
    } else {
      element.classList.add("no-tiles");
    }
    map.setView([17.8, 105.9], 8);
    if (element.dataset.geoUrl) { background(map, element); }
    return map;
  }

  function fetchAll(url) {
    var features = [];
    function next(address) {
      return fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (body) {
          features = features.concat(body.features || []);
          return body.next ? next(body.next) : features;
        });
    }
    return next(url);
  }

  /* Leaflet reads a string given to bindTooltip or bindPopup as HTML: user text goes in as a text node. */
  function plain(text) {
    var box = document.createElement("span");
    box.textContent = text == null ? "" : String(text);
    return box;
  }

  function popup(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line, index) {
      if (!line) { return; }
      var row = document.createElement(index === 0 ? "strong" : "div");
      if (line.href) {
        var link = document.createElement("a");
        link.href = line.href;
        link.textContent = line.text;
        row.appendChild(link);
      } else {
        row.textContent = line;
      }
      box.appendChild(row);
    });
    return box;
  }

  function ageClass(dateText, days) {
    if (!dateText) { return null; }
    var age = (Date.now() - new Date(dateText + "T00:00:00").getTime()) / 86400000;
    if (age > days) { return "overdue"; }
    return age > days * 0.75 ? "due" : "recent";
  }

  function markerColour(properties, mode, days) {
    if (mode === "age") {
      var age = ageClass(properties.last_inspected_on, days);
      return age ? AGE_COLOURS[age] : NEVER;
    }
    return CONDITION_COLOURS[properties.last_condition] || NEVER;
  }

  function markerLayer(features, mode, days, labels, conditions) {
    return L.geoJSON({ type: "FeatureCollection", features: features }, {
      pointToLayer: function (feature, latlng) {
        var colour = markerColour(feature.properties, mode, days);
        return L.circleMarker(latlng, { radius: 6, color: "#263238", weight: 1, fillColor: colour, fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindPopup(popup([
          { href: p.url, text: labels.marker + " " + p.number },
          p.last_condition ? conditions[p.last_condition] + " · " + p.last_inspected_on : labels.never,
        ]));
        layer.bindTooltip(plain(p.number));
      },
    });
  }

  function routeLayer(features, labels) {
    return L.geoJSON({ type: "FeatureCollection", features: features.filter(function (f) { return f.geometry; }) }, {
      style: function () { return { color: "#1565c0", weight: 3, opacity: 0.8 }; },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindPopup(popup([{ href: p.url, text: labels.patrol + " " + (p.started_at || "").slice(0, 10) }, p.route_length_km ? p.route_length_km + " km" : ""]));
      },
    });
  }

  /* The segments as lines through their markers (only the chosen one if any), as SVG in a pane beneath the
   * canvas of routes, incidents and markers, so that their colours stay true; not clickable. */
  function segmentLayer(features, chosen, renderer) {
    return L.geoJSON({ type: "FeatureCollection", features: features.filter(function (f) { return f.geometry && (!chosen || String(f.id) === chosen); }) }, {
      renderer: renderer, pane: "segments", interactive: false,
      style: function () { return { color: "#00838f", weight: 5, opacity: 0.45, className: "bt-segment" }; },
    });
  }

  function pairs(id) {
    var found = {};
    (jsonFrom(id) || []).forEach(function (pair) { found[pair[0]] = pair[1]; });
    return found;
  }

  function incidentLayer(features, labels) {
    var categories = pairs("border-categories");
    var statuses = pairs("border-statuses");
    return L.geoJSON({ type: "FeatureCollection", features: features.filter(function (f) { return f.geometry; }) }, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 11, color: CATEGORY_COLOUR, weight: 2, fillColor: CATEGORY_COLOUR, fillOpacity: 0.12, dashArray: "3" });
      },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindPopup(popup([{ href: p.url, text: labels.incident + " " + (p.occurred_at || "").slice(0, 10) }, categories[p.category] || p.category, statuses[p.status] || p.status]));
      },
    });
  }

  function fit(map, group) {
    var bounds = group.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 14 }); }
  }

  function legend(element, mode, labels, conditions) {
    element.textContent = "";
    var entries = mode === "age"
      ? [[AGE_COLOURS.recent, labels.recent], [AGE_COLOURS.due, labels.due], [AGE_COLOURS.overdue, labels.overdue], [NEVER, labels.never]]
      : Object.keys(CONDITION_COLOURS).map(function (key) { return [CONDITION_COLOURS[key], conditions[key]]; }).concat([[NEVER, labels.never]]);
    entries.forEach(function (entry) {
      var item = document.createElement("span");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = entry[0];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(entry[1]));
      element.appendChild(item);
    });
  }

  function query(base, params) {
    var search = new URLSearchParams({ page_size: "5000" });
    Object.keys(params).forEach(function (key) { if (params[key]) { search.set(key, params[key]); } });
    return base + (base.indexOf("?") >= 0 ? "&" : "?") + search.toString();
  }

  function borderMap(element) {
    var labels = jsonFrom("border-labels");
    var conditions = pairs("border-conditions");
    var days = parseInt(element.dataset.inspectionDays, 10) || 120;
    var sensitive = element.dataset.sensitive === "1";
    var map = baseMap(element);
    var group = L.featureGroup().addTo(map);
    map.createPane("segments").style.zIndex = 380;
    var segments = L.svg({ pane: "segments" });
    var form = document.getElementById("map-filters");
    var status = document.getElementById("map-status");
    var initial = new URLSearchParams(window.location.search);
    if (initial.get("segment")) { form.elements.segment.value = initial.get("segment"); }

    function load() {
      var f = form.elements;
      var mode = f.colour.value;
      var segment = f.segment.value;
      status.textContent = labels.loading;
      legend(document.getElementById("map-legend"), mode, labels, conditions);
      var requests = [
        fetchAll(query(element.dataset.markersUrl, { segment: segment })),
        sensitive ? fetchAll(query(element.dataset.patrolsUrl, { segment: segment, started_after: f.from.value, started_before: f.until.value })) : Promise.resolve([]),
        sensitive ? fetchAll(query(element.dataset.incidentsUrl, {
          segment: segment, occurred_after: f.from.value, occurred_before: f.until.value,
          category: f.category ? f.category.value : "", status: f.status ? f.status.value : "",
        })) : Promise.resolve([]),
        fetchAll(query(element.dataset.segmentsUrl, {})),
      ];
      Promise.all(requests).then(function (results) {
        group.clearLayers();
        segmentLayer(results[3], segment, segments).addTo(group);
        routeLayer(results[1], labels).addTo(group);
        incidentLayer(results[2], labels).addTo(group);
        markerLayer(results[0], mode, days, labels, conditions).addTo(group);
        var total = results[0].length + results[1].length + results[2].length;
        status.textContent = total ? labels.counts.replace("{markers}", results[0].length)
          .replace("{patrols}", results[1].length).replace("{incidents}", results[2].length) : labels.empty;
        fit(map, group);
      }).catch(function () { status.textContent = labels.failed; });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); load(); });
    form.elements.colour.addEventListener("change", load);
    load();
  }

  function patrolMap(element) {
    var map = baseMap(element);
    var group = L.featureGroup().addTo(map);
    var route = jsonFrom("patrol-route");
    if (route) { L.geoJSON(route, { style: function () { return { color: "#1565c0", weight: 3 }; } }).addTo(group); }
    fetchAll(element.dataset.markersUrl).then(function (features) {
      L.geoJSON({ type: "FeatureCollection", features: features }, {
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 5, color: "#263238", weight: 1, fillColor: CONDITION_COLOURS[feature.properties.last_condition] || NEVER, fillOpacity: 0.9 })
            .bindTooltip(plain(feature.properties.number));
        },
      }).addTo(group);
      fit(map, group);
    }).catch(function () { fit(map, group); });
  }

  function routeDrawing(element) {
    var map = baseMap(element);
    var group = L.featureGroup().addTo(map);
    var field = document.querySelector("textarea[name=route]");
    (jsonFrom("segment-markers") || []).forEach(function (m) {
      L.circleMarker([m.lat, m.lon], { radius: 5, color: "#263238", weight: 1, fillColor: NEVER, fillOpacity: 0.9 }).bindTooltip(plain(m.number)).addTo(group);
    });
    var existing = jsonFrom("patrol-route");
    var points = [];
    if (field.value) {
      try { existing = JSON.parse(field.value); } catch (error) { existing = existing || null; }
    }
    if (existing && existing.type === "LineString") {
      points = existing.coordinates.map(function (c) { return [c[1], c[0]]; });
    }
    var line = L.polyline(points, { color: "#1565c0", weight: 3 }).addTo(group);
    function sync() {
      line.setLatLngs(points);
      field.value = points.length ? JSON.stringify({ type: "LineString", coordinates: points.map(function (p) { return [Number(p[1].toFixed(6)), Number(p[0].toFixed(6))]; }) }) : "";
    }
    map.on("click", function (event) { points.push([event.latlng.lat, event.latlng.lng]); sync(); });
    document.getElementById("route-undo").addEventListener("click", function () { points.pop(); sync(); });
    fit(map, group);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof L === "undefined") { return; }
    var element = document.getElementById("border-map");
    if (element) { borderMap(element); }
    element = document.getElementById("patrol-map");
    if (element) { patrolMap(element); }
    element = document.getElementById("route-map");
    if (element) { routeDrawing(element); }
  });
}());

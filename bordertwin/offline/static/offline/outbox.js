/* The outbox (/outbox/): offline forms filled in against the cached scope, entries waiting in IndexedDB, and
 * sending them through the API when the connection returns (automatically, or with "Send now").
 *
 * The forms and the words come from the page (json_script "offline-forms" and "offline-messages"); every text
 * a user typed is put on the page as text, never as HTML. Each entry's id is a UUID made here and sent as
 * client_uuid, so a retry never creates a second record. An edit is sent with If-Match (the version it started
 * from): when the record changed on the server meanwhile, the answer (412) brings the current version and the
 * user chooses between the two. */
(function () {
  "use strict";
  var app = document.getElementById("offline-app");
  if (!app || !window.BTOffline) { return; }
  var store = window.BTOffline;
  var USER = parseInt(app.getAttribute("data-user"), 10);
  var API = app.getAttribute("data-api");
  var FORMS = JSON.parse(document.getElementById("offline-forms").textContent);
  var T = JSON.parse(document.getElementById("offline-messages").textContent);
  var LANG = document.documentElement.lang || "vi";
  var scope = null;
  var syncing = false;

  function byKind(kind) { return FORMS.filter(function (f) { return f.kind === kind; })[0]; }
  function say(key, values) {
    return (T[key] || key).replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function uuid() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64; bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }
  function when(iso) { return iso ? new Date(iso).toLocaleString(LANG) : ""; }
  function notice(text) {
    var box = document.getElementById("outbox-notice");
    box.textContent = text; box.hidden = !text;
  }

  /* Reference data of the user's scope */

  function items(ref) { return (scope && scope[ref]) || []; }
  function item(ref, id) {
    return items(ref).filter(function (x) { return String(x.id) === String(id); })[0] || null;
  }
  function showScope() {
    var status = document.getElementById("scope-status");
    status.textContent = scope ? say("scope_refreshed", { time: when(scope.refreshed_at) }) : say("scope_never");
    var cut = document.getElementById("scope-truncated");
    cut.hidden = !(scope && scope.truncated && scope.truncated.length);
    if (!cut.hidden) { cut.textContent = say("scope_truncated", { limit: scope.limit, names: scope.truncated.join(", ") }); }
    var kinds = document.getElementById("new-entry");
    kinds.textContent = "";
    FORMS.forEach(function (form) {
      if (scope && scope.may_add && scope.may_add[form.kind] === false) { return; }
      var button = el("button", { type: "button", "data-kind": form.kind }, form.title);
      button.addEventListener("click", function () { openEditor(newEntry(form.kind)); });
      kinds.appendChild(button);
    });
  }
  function refreshScope() {
    if (!navigator.onLine) { return Promise.resolve(); }
    return fetch(app.getAttribute("data-scope-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (bundle) {
        if (bundle && bundle.user === USER) { scope = bundle; return store.putScope(bundle); }
        return null;
      })
      .catch(function () { return null; })
      .then(showScope);
  }

  /* Entries */

  function newEntry(kind) {
    return { id: uuid(), user: USER, kind: kind, status: "new", created: new Date().toISOString(), values: {}, inspections: [] };
  }

  function allFields(form) { return form.fields; }

  function valueOf(values, parent, name) {
    if (values && values[name] !== undefined && values[name] !== "") { return values[name]; }
    return parent ? parent[name] : undefined;
  }

  function options(spec, values, parent) {
    return items(spec.ref).filter(function (x) {
      var where = spec.where || {};
      var fits = Object.keys(where).every(function (key) { return x[key] === where[key]; });
      if (fits && spec.within) {
        var chosen = valueOf(values, parent, spec.within);
        fits = !chosen || String(x[spec.within]) === String(chosen);
      }
      return fits;
    });
  }

  function check(spec, values, parent, fields) {
    var value = values[spec.name];
    if (value === undefined || value === null || value === "") { return spec.required ? say("required") : ""; }
    if (spec.type === "int" && !/^\d+$/.test(value)) { return say("whole_number"); }
    if (spec.type === "decimal" && isNaN(Number(value))) { return say("number"); }
    if (spec.type === "ref") {
      var chosen = item(spec.ref, value);
      if (!chosen) { return say("required"); }
      var within = spec.within && valueOf(values, parent, spec.within);
      if (within && String(chosen[spec.within]) !== String(within)) {
        var other = (fields || []).filter(function (f) { return f.name === spec.within; })[0];
        return say("not_within", { field: other ? other.label.toLowerCase() : spec.within });
      }
    }
    if (spec.after && values[spec.after] && value < values[spec.after]) {
      var first = (fields || []).filter(function (f) { return f.name === spec.after; })[0];
      return say("after", { field: first ? first.label : spec.after });
    }
    return "";
  }

  function errorsOf(form, entry) {
    var errors = {};
    allFields(form).forEach(function (spec) {
      var message = check(spec, entry.values, null, form.fields);
      if (message) { errors[spec.name] = message; }
    });
    (entry.inspections || []).forEach(function (child, index) {
      form.inspections.forEach(function (spec) {
        var message = check(spec, child.values, entry.values, form.fields);
        if (message) { errors[index + ":" + spec.name] = message; }
      });
    });
    return errors;
  }

  /* The form */

  function input(spec, values, parent, onChange) {
    var id = "f-" + Math.random().toString(36).slice(2);
    var box = el("div", { "class": "field" + (spec.type === "textarea" ? " wide" : ""), "data-field": spec.name });
    var label = el("label", { "for": id }, spec.label);
    if (spec.required) { label.appendChild(el("span", { "class": "req" }, " *")); }
    box.appendChild(label);
    var control;
    if (spec.type === "choice" || spec.type === "ref") {
      control = el("select", { id: id, name: spec.name });
      control.appendChild(el("option", { value: "" }, "—"));
      var list = spec.type === "choice" ? spec.choices.map(function (c) { return { id: c[0], name: c[1] }; }) : options(spec, values, parent);
      list.forEach(function (x) { control.appendChild(el("option", { value: String(x.id) }, x.name)); });
      if (values[spec.name] === undefined && spec["default"] !== undefined) { values[spec.name] = spec["default"]; }
    } else if (spec.type === "textarea") {
      control = el("textarea", { id: id, name: spec.name, rows: "3" });
    } else {
      var types = { date: "date", datetime: "datetime-local", int: "number", decimal: "text" };
      control = el("input", { id: id, name: spec.name, type: types[spec.type] || "text" });
      if (spec.type === "int") { control.setAttribute("min", "0"); control.setAttribute("step", "1"); }
      if (spec.type === "decimal") { control.setAttribute("inputmode", "decimal"); }
    }
    control.value = values[spec.name] === undefined ? "" : values[spec.name];
    if (control.value !== String(values[spec.name] === undefined ? "" : values[spec.name])) { values[spec.name] = ""; }
    box.appendChild(control);
    if (spec.help) { box.appendChild(el("small", { "class": "help" }, spec.help)); }
    box.appendChild(el("small", { "class": "error", "data-error": spec.name }));
    var update = function () { values[spec.name] = control.value; onChange(); };
    control.addEventListener("input", update);
    control.addEventListener("change", update);
    return box;
  }

  function fileInput(labelText, accept, current, onPick, capture) {
    var id = "f-" + Math.random().toString(36).slice(2);
    var box = el("div", { "class": "field" });
    box.appendChild(el("label", { "for": id }, labelText));
    var control = el("input", { id: id, type: "file", accept: accept });
    if (capture) { control.setAttribute("capture", "environment"); }
    box.appendChild(control);
    var name = el("small", { "class": "help" }, current ? current.name : "");
    box.appendChild(name);
    control.addEventListener("change", function () {
      var file = control.files && control.files[0];
      if (!file) { return; }
      onPick({ name: file.name, type: file.type, blob: file });
      name.textContent = file.name;
    });
    return box;
  }

  function gpsButton(target, onPosition) {
    var box = el("div", { "class": "field" });
    var button = el("button", { type: "button", "class": "gps" }, say("gps"));
    var status = el("small", { "class": "help gps-status" }, target.position ? say("gps_at", target.position) : "");
    button.addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = say("gps_failed", { reason: "—" }); return; }
      status.textContent = say("gps_waiting");
      navigator.geolocation.getCurrentPosition(function (pos) {
        target.position = {
          lat: pos.coords.latitude.toFixed(6), lon: pos.coords.longitude.toFixed(6), accuracy: Math.round(pos.coords.accuracy)
        };
        status.textContent = say("gps_at", target.position);
        onPosition(target.position);
      }, function (error) {
        status.textContent = say("gps_failed", { reason: error.message });
      }, { enableHighAccuracy: true, timeout: 30000, maximumAge: 60000 });
    });
    box.appendChild(button); box.appendChild(status);
    return box;
  }

  function openEditor(entry) {
    var form = byKind(entry.kind);
    var editor = document.getElementById("entry-editor");
    editor.textContent = "";
    editor.hidden = false;
    var node = el("form", { "class": "card offline-form", novalidate: "novalidate", "data-kind": entry.kind });
    node.appendChild(el("h2", {}, form.title));
    var fields = el("div", { "class": "fields" });
    var children = el("div", { "class": "inspections" });
    var touched = false;

    function showErrors() {
      var errors = errorsOf(form, entry);
      node.querySelectorAll("[data-error]").forEach(function (slot) {
        var key = slot.getAttribute("data-error");
        var message = touched ? (errors[key] || "") : "";
        slot.textContent = message;
        slot.parentNode.classList.toggle("has-error", !!message);
      });
      return errors;
    }
    function drawFields() {
      fields.textContent = "";
      allFields(form).forEach(function (spec) {
        fields.appendChild(input(spec, entry.values, null, changed));
      });
      if (form.gps) {
        fields.appendChild(gpsButton(entry, function (position) {
          if (entry.kind === "incident") {
            entry.values.latitude = position.lat; entry.values.longitude = position.lon;
            drawFields();
          }
        }));
      }
      if (form.photo) {
        fields.appendChild(fileInput(say("photo"), "image/*", entry.photo, function (file) { entry.photo = file; }, true));
      }
      if (form.gpx) {
        fields.appendChild(fileInput(say("gpx"), ".gpx,.geojson,.json,application/gpx+xml", entry.gpx, function (file) { entry.gpx = file; }));
      }
      drawChildren();
      showErrors();
    }
    function drawChildren() {
      children.textContent = "";
      if (!form.inspections) { return; }
      entry.inspections.forEach(function (child, index) {
        var card = el("fieldset", { "class": "inspection", "data-index": String(index) });
        card.appendChild(el("legend", {}, say("inspection", { n: index + 1 })));
        var grid = el("div", { "class": "fields" });
        form.inspections.forEach(function (spec) {
          var box = input(spec, child.values, entry.values, changed);
          box.querySelector("[data-error]").setAttribute("data-error", index + ":" + spec.name);
          grid.appendChild(box);
        });
        grid.appendChild(gpsButton(child, function () { return null; }));
        grid.appendChild(fileInput(say("photo"), "image/*", child.photo, function (file) { child.photo = file; }, true));
        card.appendChild(grid);
        var remove = el("button", { type: "button", "class": "danger" }, say("remove"));
        remove.addEventListener("click", function () { entry.inspections.splice(index, 1); drawChildren(); showErrors(); });
        card.appendChild(remove);
        children.appendChild(card);
      });
      var add = el("button", { type: "button", "class": "add-inspection" }, say("add_inspection"));
      add.addEventListener("click", function () {
        entry.inspections.push({ id: uuid(), values: { inspected_on: (entry.values.started_at || "").slice(0, 10) } });
        drawChildren(); showErrors();
      });
      children.appendChild(add);
    }
    var lastRefs = "";
    function changed() {
      // A choice that narrows another (the segment, the partnership) redraws the lists it narrows.
      var refs = JSON.stringify([entry.values.segment, entry.values.partnership]);
      if (refs !== lastRefs) { lastRefs = refs; drawFields(); } else { showErrors(); }
    }
    lastRefs = JSON.stringify([entry.values.segment, entry.values.partnership]);

    node.appendChild(fields);
    node.appendChild(children);
    var actions = el("div", { "class": "actions" });
    var save = el("button", { type: "submit", "class": "primary" }, say("save"));
    var cancel = el("button", { type: "button" }, say("cancel"));
    actions.appendChild(save); actions.appendChild(cancel);
    node.appendChild(actions);
    node.appendChild(el("p", { "class": "error form-errors", role: "alert" }));
    cancel.addEventListener("click", function () { editor.hidden = true; editor.textContent = ""; });
    node.addEventListener("submit", function (event) {
      event.preventDefault();
      touched = true;
      var errors = showErrors();
      node.querySelector(".form-errors").textContent = Object.keys(errors).length ? say("check_fields") : "";
      if (Object.keys(errors).length) { return; }
      entry.status = "waiting";
      entry.reason = "";
      entry.saved = new Date().toISOString();
      store.put(entry).then(function () {
        editor.hidden = true; editor.textContent = "";
        notice(say("saved"));
        return render();
      }).then(function () { if (navigator.onLine) { sync(); } });
    });
    drawFields();
    editor.appendChild(node);
    node.scrollIntoView();
  }

  /* Sending */

  function csrf() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function payload(specs, values, editing) {
    var data = {};
    specs.forEach(function (spec) {
      if (spec.client) { return; }
      var value = values[spec.name];
      if (value === undefined || value === "") {
        // An edit empties a field it emptied: a text becomes "", a choice or a date none; a count keeps the server's.
        if (editing && spec.type !== "int" && spec.type !== "decimal") {
          data[spec.name] = spec.type === "text" || spec.type === "textarea" || spec.type === "choice" ? "" : null;
        }
        return;
      }
      data[spec.name] = spec.type === "datetime" ? new Date(value).toISOString() : value;
    });
    return data;
  }

  function call(method, path, body, headers) {
    var options = { method: method, credentials: "same-origin", headers: Object.assign({ "X-CSRFToken": csrf(), Accept: "application/json" }, headers || {}) };
    if (body instanceof FormData) { options.body = body; } else if (body) {
      options.body = JSON.stringify(body); options.headers["Content-Type"] = "application/json";
    }
    return fetch(API + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data, etag: response.headers.get("ETag") };
      });
    });
  }

  function Refused(reason) { this.reason = reason; }
  function Conflict(answer) { this.answer = answer; }

  function reasonOf(answer, specs, prefix) {
    var data = answer.data || {};
    if (data.properties && typeof data.properties === "object") { data = data.properties; }
    var lines = [];
    Object.keys(data).forEach(function (key) {
      var spec = specs.filter(function (s) { return s.name === key; })[0];
      var text = Array.isArray(data[key]) ? data[key].join(" ") : typeof data[key] === "object" ? JSON.stringify(data[key]) : String(data[key]);
      lines.push(spec ? spec.label + ": " + text : text);
    });
    return (prefix ? prefix + " — " : "") + (lines.join("\n") || String(answer.status));
  }

  function expect(answer, specs, prefix) {
    if (answer.status === 200 || answer.status === 201) { return answer; }
    if (answer.status === 412) { throw new Conflict(answer); }
    if (answer.status === 401 || answer.status >= 500) { throw new Error("later"); }
    throw new Refused(reasonOf(answer, specs, prefix));
  }

  function recordOf(answer) {
    var data = answer.data || {};
    return { id: data.id, url: (data.properties || data).url || "", etag: answer.etag };
  }

  function sendChild(entry, child, index, form) {
    var body = new FormData();
    var data = payload(form.inspections, child.values, false);
    Object.keys(data).forEach(function (key) { body.append(key, data[key]); });
    if (child.position) {
      body.set("note", ((child.values.note || "") + "\nGPS " + say("gps_at", child.position)).trim());
    }
    body.append("patrol", entry.server.id);
    body.append("client_uuid", child.id);
    if (child.photo) { body.append("photo", child.photo.blob, child.photo.name); }
    return call("POST", "inspections/", body).then(function (answer) {
      child.server = recordOf(expect(answer, form.inspections, say("inspection", { n: index + 1 })));
      return store.put(entry);
    });
  }

  function send(entry) {
    var form = byKind(entry.kind);
    var specs = allFields(form);
    var step;
    if (entry.server && entry.edited) {
      step = call("PATCH", form.resource + "/" + entry.server.id + "/", payload(specs, entry.values, true), { "If-Match": entry.server.etag })
        .then(function (answer) { entry.server = recordOf(expect(answer, specs)); entry.edited = false; });
    } else if (entry.server) {
      step = Promise.resolve();
    } else {
      var data = payload(specs, entry.values, false);
      var body = data;
      if (entry.kind === "inspection") {
        body = new FormData();
        Object.keys(data).forEach(function (key) { body.append(key, data[key]); });
        if (entry.position) { body.set("note", ((entry.values.note || "") + "\nGPS " + say("gps_at", entry.position)).trim()); }
        if (entry.photo) { body.append("photo", entry.photo.blob, entry.photo.name); }
        body.append("client_uuid", entry.id);
      } else {
        if (entry.kind === "incident" && entry.position) {
          data.place_description = ((data.place_description || "") + " (GPS ±" + entry.position.accuracy + " m)").trim();
        }
        data.client_uuid = entry.id;
      }
      step = call("POST", form.resource + "/", body).then(function (answer) {
        entry.server = recordOf(expect(answer, specs));
        return store.put(entry);
      });
    }
    return step.then(function () {
      if (entry.kind !== "patrol" || !entry.gpx || entry.route_sent) { return null; }
      var body = new FormData();
      body.append("file", entry.gpx.blob, entry.gpx.name);
      return call("POST", "patrols/" + entry.server.id + "/route/", body).then(function (answer) {
        var record = recordOf(expect(answer, [{ name: "file", label: say("gpx") }]));
        entry.server.etag = record.etag;
        entry.route_sent = true;
        return store.put(entry);
      });
    }).then(function () {
      var chain = Promise.resolve();
      (entry.inspections || []).forEach(function (child, index) {
        if (!child.server) { chain = chain.then(function () { return sendChild(entry, child, index, form); }); }
      });
      return chain;
    }).then(function () {
      entry.status = "sent"; entry.reason = ""; entry.sent = new Date().toISOString();
      return store.put(entry);
    }, function (problem) {
      if (problem instanceof Refused) {
        entry.status = "refused"; entry.reason = problem.reason;
      } else if (problem instanceof Conflict) {
        entry.status = "conflict"; entry.reason = problem.answer.data.detail || "";
        entry.current = problem.answer.data.current; entry.current_etag = problem.answer.etag;
      } else {
        return null;  // no connection, or the server is down: it waits and goes later
      }
      return store.put(entry);
    });
  }

  function sync() {
    if (syncing || !navigator.onLine) { if (!navigator.onLine) { notice(say("not_sent")); } return Promise.resolve(); }
    syncing = true;
    return store.entries(USER).then(function (rows) {
      var chain = Promise.resolve();
      rows.filter(function (e) { return e.status === "waiting"; }).forEach(function (entry) {
        chain = chain.then(function () { return send(entry); });
      });
      return chain;
    }).catch(function () { return null; }).then(function () { syncing = false; notice(""); return render(); });
  }

  /* The lists */

  function display(spec, value) {
    if (value === undefined || value === null || value === "") { return "—"; }
    if (spec && spec.type === "ref") { var x = item(spec.ref, value); return x ? x.name : String(value); }
    if (spec && spec.type === "choice") {
      var c = spec.choices.filter(function (pair) { return pair[0] === String(value); })[0];
      return c ? c[1] : String(value);
    }
    if (spec && spec.type === "datetime") { return when(value); }
    return String(value);
  }

  function summary(entry, form) {
    var parts = [];
    form.fields.slice(0, 3).forEach(function (spec) {
      var value = entry.values[spec.name];
      if (value) { parts.push(display(spec, value)); }
    });
    return parts.join(" · ");
  }

  function comparison(entry, form) {
    var current = entry.current || {};
    var theirs = current.properties || current;
    var table = el("table", { "class": "records compact conflict" });
    var head = el("tr");
    head.appendChild(el("th", {}, ""));
    head.appendChild(el("th", {}, say("mine")));
    head.appendChild(el("th", {}, say("theirs")));
    table.appendChild(head);
    form.fields.forEach(function (spec) {
      if (spec.client || !(spec.name in theirs)) { return; }
      var mine = entry.values[spec.name];
      var server = theirs[spec.name];
      if ((mine === undefined || mine === "") && (spec.type === "int" || spec.type === "decimal")) { return; }  // not sent: unchanged
      if (spec.type === "datetime" && server) { server = server.slice(0, 16); }
      var a = display(spec, mine);
      var b = display(spec, spec.type === "datetime" ? theirs[spec.name] : server);
      var same = String(mine || "") === String(server === null || server === undefined ? "" : server) ||
        (spec.type === "datetime" && mine && server && new Date(mine).getTime() === new Date(theirs[spec.name]).getTime());
      if (same) { return; }
      var row = el("tr", { "data-field": spec.name });
      row.appendChild(el("th", {}, spec.label));
      row.appendChild(el("td", { "class": "mine" }, a));
      row.appendChild(el("td", { "class": "theirs" }, b));
      table.appendChild(row);
    });
    return table;
  }

  function fromServer(entry, form) {
    var theirs = (entry.current || {}).properties || entry.current || {};
    form.fields.forEach(function (spec) {
      if (spec.client || !(spec.name in theirs)) { return; }
      var value = theirs[spec.name];
      if (value === null || value === undefined) { value = ""; }
      if (spec.type === "datetime" && value) {
        var d = new Date(value);
        value = new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
      }
      entry.values[spec.name] = String(value);
    });
  }

  function button(text, cls, action) {
    var b = el("button", { type: "button", "class": cls }, text);
    b.addEventListener("click", action);
    return b;
  }

  function line(entry) {
    var form = byKind(entry.kind);
    var li = el("li", { "class": "entry " + entry.status, "data-entry": entry.id, "data-kind": entry.kind });
    var title = el("div", { "class": "entry-title" });
    title.appendChild(el("strong", {}, form.title));
    title.appendChild(el("span", {}, " " + summary(entry, form)));
    li.appendChild(title);
    var meta = el("div", { "class": "entry-meta" });
    meta.appendChild(el("span", { "class": "badge status" }, say(entry.status)));
    meta.appendChild(el("span", { "class": "muted" }, " " + say("made", { time: when(entry.created) })));
    li.appendChild(meta);
    var files = [];
    if (entry.photo) { files.push(entry.photo.name); }
    if (entry.gpx) { files.push(entry.gpx.name); }
    (entry.inspections || []).forEach(function (child, index) {
      files.push(say("inspection", { n: index + 1 }) + (child.photo ? " (" + child.photo.name + ")" : ""));
    });
    if (files.length) { li.appendChild(el("div", { "class": "entry-files" }, say("attachments", { names: files.join(", ") }))); }
    if (entry.reason) { li.appendChild(el("p", { "class": "reason" }, entry.reason)); }
    var actions = el("div", { "class": "actions" });
    if (entry.status === "conflict") {
      li.appendChild(comparison(entry, form));
      actions.appendChild(button(say("keep_mine"), "primary keep-mine", function () {
        entry.server.etag = entry.current_etag; entry.status = "waiting"; entry.reason = ""; entry.current = null;
        store.put(entry).then(render).then(sync);
      }));
      actions.appendChild(button(say("keep_theirs"), "keep-theirs", function () {
        fromServer(entry, form);
        entry.server.etag = entry.current_etag; entry.status = "sent"; entry.edited = false; entry.reason = ""; entry.current = null;
        store.put(entry).then(render);
      }));
    } else if (entry.status === "refused") {
      actions.appendChild(button(say("fix"), "fix", function () { entry.edited = !!entry.server; openEditor(entry); }));
    } else if (entry.status === "sent") {
      if (entry.server && entry.server.url) {
        var link = el("a", { href: entry.server.url }, say("open_record"));
        actions.appendChild(link);
      }
      if (entry.kind !== "inspection") {
        actions.appendChild(button(say("edit"), "edit", function () { entry.edited = true; openEditor(entry); }));
      }
    } else {
      actions.appendChild(button(say("edit"), "edit", function () { openEditor(entry); }));
    }
    if (entry.status !== "sent") {
      actions.appendChild(button(say("discard"), "danger discard", function () {
        if (window.confirm(say("discard_confirm"))) { store.remove(entry.id).then(render); }
      }));
    }
    li.appendChild(actions);
    return li;
  }

  function render() {
    return store.entries(USER).then(function (rows) {
      var lists = { attention: [], waiting: [], sent: [] };
      rows.forEach(function (entry) {
        if (entry.status === "refused" || entry.status === "conflict") { lists.attention.push(entry); }
        else if (entry.status === "sent" && !entry.edited) { lists.sent.unshift(entry); }
        else { lists.waiting.push(entry); }
      });
      Object.keys(lists).forEach(function (name) {
        var list = document.getElementById(name);
        list.textContent = "";
        if (!lists[name].length) { list.appendChild(el("li", { "class": "muted empty" }, say("nothing"))); }
        lists[name].forEach(function (entry) { list.appendChild(line(entry)); });
      });
      app.setAttribute("data-waiting", String(lists.waiting.length));
    });
  }

  function connection() {
    var node = document.getElementById("connection");
    node.textContent = navigator.onLine ? say("online") : say("offline");
    node.classList.toggle("offline", !navigator.onLine);
  }

  window.addEventListener("online", function () { connection(); refreshScope().then(sync); });
  window.addEventListener("offline", connection);
  document.getElementById("send-now").addEventListener("click", function () { sync(); });
  document.getElementById("refresh-scope").addEventListener("click", function () { refreshScope(); });

  connection();
  store.scope(USER).then(function (bundle) { scope = bundle || null; showScope(); })
    .then(render)
    .then(refreshScope)
    .then(sync)
    .then(function () { app.setAttribute("data-loaded", "1"); });
}());

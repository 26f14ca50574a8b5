/* The device's offline store (IndexedDB "bordertwin-offline"), shared by register.js and outbox.js.
 *
 * "entries": what a user entered, keyed by the entry's UUID (also sent as client_uuid), with the user's id;
 * each user reads only their own. "scope": the reference records of a user's scope, one bundle per user.
 * Exposed as window.BTOffline. */
(function () {
  "use strict";
  var NAME = "bordertwin-offline";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains("entries")) {
          db.createObjectStore("entries", { keyPath: "id" }).createIndex("user", "user");
        }
        if (!db.objectStoreNames.contains("scope")) {
          db.createObjectStore("scope", { keyPath: "user" });
        }
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(store, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(store, mode);
        var request = work(transaction.objectStore(store));
        transaction.oncomplete = function () { db.close(); resolve(request ? request.result : undefined); };
        transaction.onerror = transaction.onabort = function () { db.close(); reject(transaction.error); };
      });
    });
  }

  function entries(user) {
    return run("entries", "readonly", function (s) { return s.index("user").getAll(user); }).then(function (rows) {
      return rows.sort(function (a, b) { return a.created < b.created ? -1 : 1; });
    });
  }

  function unsent(user) {
    return entries(user).then(function (rows) {
      return rows.filter(function (e) { return e.status !== "sent"; });
    });
  }

  /* Signing out: the user's scope bundle and the copies of what they sent leave the device; entries not sent
   * yet stay, still theirs, and are sent when they sign in here again. */
  function forget(user) {
    return entries(user).then(function (rows) {
      return run("entries", "readwrite", function (s) {
        rows.forEach(function (e) { if (e.status === "sent") { s.delete(e.id); } });
      });
    }).then(function () {
      return run("scope", "readwrite", function (s) { return s.delete(user); });
    });
  }

  window.BTOffline = {
    entries: entries,
    unsent: unsent,
    forget: forget,
    put: function (entry) { return run("entries", "readwrite", function (s) { return s.put(entry); }); },
    remove: function (id) { return run("entries", "readwrite", function (s) { return s.delete(id); }); },
    scope: function (user) { return run("scope", "readonly", function (s) { return s.get(user); }); },
    putScope: function (bundle) { return run("scope", "readwrite", function (s) { return s.put(bundle); }); },
    PAGE_CACHE: "bt-pages"
  };
}());

/* BorderTwin's service worker, served at /sw.js by bordertwin.offline.views.service_worker, which puts the app
 * shell in front of this file as self.BT_SHELL = {version, pages, assets}.
 *
 * - The shell's static files (versioned: a new version replaces the old cache) are answered from the cache.
 * - The outbox and the border map pages, and the map's data from the API, come from the network when it answers
 *   and from the last copy otherwise ("bt-pages", cleared when the user signs out).
 * Nothing else is touched: every write goes to the network, through the API. */
/* global self, caches, fetch, Response */
"use strict";
var SHELL = self.BT_SHELL;
var STATIC = "bt-shell-" + SHELL.version;
var PAGES = "bt-pages";
var MAP_DATA = /^\/api\/v1\/(segments|markers|patrols|incidents)\/$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC).then(function (cache) { return cache.addAll(SHELL.assets); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("bt-shell-") === 0 && key !== STATIC;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(request, response) {
  if (response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
  }
  return response;
}

function networkFirst(request) {
  return fetch(request).then(function (response) { return keep(request, response); }).catch(function () {
    return caches.match(request, { cacheName: PAGES, ignoreVary: true }).then(function (hit) {
      return hit || Response.error();
    });
  });
}

self.addEventListener("message", function (event) {
  if (!event.data || event.data.type !== "warm") { return; }
  var reply = event.ports[0];
  Promise.all(SHELL.pages.map(function (page) {
    return fetch(page, { credentials: "same-origin" }).then(function (response) { return keep(new Request(page), response); });
  })).catch(function () { return null; }).then(function () { if (reply) { reply.postMessage("ready"); } });
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (SHELL.assets.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(url.pathname, { cacheName: STATIC }).then(function (hit) {
      return hit || fetch(request);
    }));
  } else if (request.mode === "navigate" && SHELL.pages.indexOf(url.pathname) >= 0) {
    event.respondWith(fetch(request).then(function (response) {
      return keep(new Request(url.pathname), response);
    }).catch(function () {
      return caches.match(url.pathname, { cacheName: PAGES, ignoreVary: true }).then(function (hit) { return hit || Response.error(); });
    }));
  } else if (MAP_DATA.test(url.pathname)) {
    event.respondWith(networkFirst(request));
  }
});

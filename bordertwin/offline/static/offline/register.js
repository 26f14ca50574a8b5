/* On every page: register the service worker (the installable app) and, for a signed-in user, keep the outbox's
 * pages ready offline. Signing out warns first when entries are not sent yet, then clears the user's cached
 * records from this device. */
(function () {
  "use strict";
  var signout = document.querySelector("form[data-offline-signout]");
  var user = signout ? parseInt(signout.getAttribute("data-offline-signout"), 10) : null;

  function ready(flag) { document.documentElement.setAttribute("data-offline-ready", flag); }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // Once per browser session and user: keep the outbox and the map ready for when the connection goes.
      var warmed = window.sessionStorage.getItem("bt-offline-warm") === String(user);
      if (!user || warmed || !navigator.onLine || !registration.active) { ready("1"); return; }
      var channel = new MessageChannel();
      channel.port1.onmessage = function () { window.sessionStorage.setItem("bt-offline-warm", String(user)); ready("1"); };
      registration.active.postMessage({ type: "warm" }, [channel.port2]);
    }).catch(function () { ready("0"); });
  }

  if (!signout || !window.BTOffline) { return; }
  var leaving = false;
  signout.addEventListener("submit", function (event) {
    if (leaving) { return; }
    event.preventDefault();
    window.BTOffline.unsent(user).then(function (rows) {
      if (rows.length && !window.confirm(signout.getAttribute("data-unsent").replace("{count}", rows.length))) {
        return false;
      }
      window.sessionStorage.removeItem("bt-offline-warm");
      return window.BTOffline.forget(user).then(function () {
        return window.caches ? window.caches.delete(window.BTOffline.PAGE_CACHE) : true;
      }).then(function () { return true; });
    }).catch(function () { return true; }).then(function (go) {
      if (go) { leaving = true; signout.submit(); }
    });
  });
}());

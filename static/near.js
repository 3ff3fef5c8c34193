// tiếp cận: an optional enhancement. Every page works without it.
// - "Sites near me" buttons (hidden until this runs) ask the browser for its position and
//   open the site list sorted by distance (on the home page, with the filters chosen).
// - The "start an audit" form sends the browser's position with the audit, when it gives one
//   within a few seconds; otherwise the audit starts without it.
(function () {
  "use strict";
  if (!("geolocation" in navigator)) return;
  var fixed = function (n) { return n.toFixed(5); };
  document.querySelectorAll("[data-near]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(
        function (p) {
          var at = fixed(p.coords.latitude) + "," + fixed(p.coords.longitude);
          // Inside a filter form with a `near` field (the home page): send the filters too.
          var form = button.form;
          if (form && form.elements.near) {
            form.elements.near.value = at;
            form.submit();
          } else {
            window.location.href = "/sites?near=" + at;
          }
        },
        function () {
          var failed = button.parentNode.querySelector("[data-near-failed]");
          if (failed) failed.hidden = false;
        },
        { timeout: 10000, maximumAge: 60000 }
      );
    });
  });
  document.querySelectorAll("form.start-audit").forEach(function (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) return;
      event.preventDefault();
      var go = function () { sent = true; form.submit(); };
      navigator.geolocation.getCurrentPosition(
        function (p) {
          form.elements.lat.value = fixed(p.coords.latitude);
          form.elements.lon.value = fixed(p.coords.longitude);
          form.elements.accuracy.value = Math.round(p.coords.accuracy);
          go();
        },
        go,
        { timeout: 5000, maximumAge: 60000 }
      );
    });
  });
})();

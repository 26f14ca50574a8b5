/* Draws every <canvas data-chart="ID"> from the JSON in <script id="ID">, with the vendored Chart.js (works offline). */
(function () {
  "use strict";
  var palette = ["#0f5c4d", "#c8102e", "#d99a00", "#343f99", "#5f6f7f", "#2a9d8f", "#8a3b35", "#6a4c93", "#1f6b3a", "#b5651d", "#457b9d"];
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    var numbers = new Intl.NumberFormat(document.documentElement.lang || "vi");
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          var colour = s.colour || palette[i % palette.length];
          return { label: s.label, data: s.data, backgroundColor: colour, borderColor: colour, maxBarThickness: 70 };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + numbers.format(c.parsed.y); } } } },
        scales: { x: { stacked: spec.stacked }, y: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: spec.counts ? 0 : undefined, callback: function (v) { return numbers.format(v); } } } }
      }
    });
  }
  function drawAll(root) { (root || document).querySelectorAll("canvas[data-chart]").forEach(draw); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", function () { drawAll(); }); } else { drawAll(); }
})();

// Notices by state, from the JSON the page carries (no request to anywhere).
(function () {
  var node = document.getElementById('notices-data');
  var canvas = document.getElementById('notices-by-state');
  if (!node || !canvas || typeof Chart === 'undefined') return;
  var data = JSON.parse(node.textContent);
  new Chart(canvas, {
    type: 'bar',
    data: { labels: data.labels, datasets: [{ label: data.label, data: data.counts, backgroundColor: '#0d6efd' }] },
    options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();

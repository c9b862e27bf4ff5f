// The public statistics' charts, from the JSON the page carries (no request to anywhere).
(function () {
  var node = document.getElementById('stats-data');
  if (!node || typeof Chart === 'undefined') return;
  var data = JSON.parse(node.textContent);
  var months = document.getElementById('stats-months');
  if (months) {
    new Chart(months, {
      type: 'line',
      data: {
        labels: data.months,
        datasets: data.series.map(function (s) { return { label: s.label, data: s.data, borderColor: s.color, backgroundColor: s.color, tension: 0 }; })
      },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
  var kinds = document.getElementById('stats-kinds');
  if (kinds) {
    new Chart(kinds, {
      type: 'bar',
      data: { labels: data.kinds.labels, datasets: [{ label: data.kinds.label, data: data.kinds.counts, backgroundColor: '#dc3545' }] },
      options: { indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
})();

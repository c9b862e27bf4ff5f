// Platform page charts: listings first seen per day (recognised or not), and pages and listings per crawl run.
(function () {
  const data = JSON.parse(document.getElementById('platform-data').textContent);
  new Chart(document.getElementById('observations-by-day'), {
    type: 'bar',
    data: {
      labels: data.days,
      datasets: [
        { label: data.matchedLabel, data: data.matched, backgroundColor: '#dc3545' },
        { label: data.unmatchedLabel, data: data.unmatched, backgroundColor: '#adb5bd' }
      ]
    },
    options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById('runs'), {
    type: 'line',
    data: {
      labels: data.runs.map(r => r.at),
      datasets: [
        { label: data.pagesLabel, data: data.runs.map(r => r.pages), borderColor: '#0d6efd' },
        { label: data.listingsLabel, data: data.runs.map(r => r.listings), borderColor: '#dc3545' }
      ]
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();

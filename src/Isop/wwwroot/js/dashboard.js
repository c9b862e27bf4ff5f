// Dashboard charts: data comes from the page as JSON, already filtered by TLP on the server.
(function () {
  const data = JSON.parse(document.getElementById('dashboard-data').textContent);
  new Chart(document.getElementById('works-by-kind'), {
    type: 'doughnut',
    data: { labels: data.kinds.labels, datasets: [{ data: data.kinds.values, backgroundColor: ['#0d6efd', '#6610f2', '#d63384', '#20c997'] }] },
    options: { maintainAspectRatio: false }
  });
  new Chart(document.getElementById('records-by-tlp'), {
    type: 'bar',
    data: {
      labels: data.tlp.labels,
      datasets: [
        // One colour per series, so that the legend says which bar is which (the axis names the TLP).
        { label: data.tlp.worksLabel, data: data.tlp.works, backgroundColor: '#495057' },
        { label: data.tlp.platformsLabel, data: data.tlp.platforms, backgroundColor: '#0d6efd' }
      ]
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById('most-offered'), {
    type: 'bar',
    data: { labels: data.offered.labels, datasets: [{ label: data.offered.label, data: data.offered.values, backgroundColor: '#dc3545' }] },
    options: { indexAxis: 'y', maintainAspectRatio: false, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();
(function () {
  const data = JSON.parse(document.getElementById('dashboard-data').textContent);
  new Chart(document.getElementById('detections-by-day'), {
    type: 'bar',
    data: {
      labels: data.days.labels,
      datasets: [
        { label: data.days.recognisedLabel, data: data.days.recognised, backgroundColor: '#dc3545', stack: 'seen' },
        { label: data.days.notRecognisedLabel, data: data.days.notRecognised, backgroundColor: '#adb5bd', stack: 'seen' }
      ]
    },
    options: { maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
  });
  new Chart(document.getElementById('top-platforms'), {
    type: 'bar',
    data: { labels: data.platforms.labels, datasets: [{ label: data.platforms.label, data: data.platforms.values, backgroundColor: '#0d6efd' }] },
    options: { indexAxis: 'y', maintainAspectRatio: false, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();

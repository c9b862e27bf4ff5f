// A release's spread: one point per platform, at the time it appeared there (stated by the page, or first sighting).
(function () {
  const data = JSON.parse(document.getElementById('release-data').textContent);
  const when = v => new Date(v).toISOString().slice(0, 16).replace('T', ' ');
  new Chart(document.getElementById('release-timeline'), {
    type: 'scatter',
    data: {
      datasets: [
        { label: data.statedLabel, data: data.points.filter(p => p.stated), backgroundColor: '#dc3545', pointRadius: 6 },
        { label: data.sightedLabel, data: data.points.filter(p => !p.stated), backgroundColor: '#6c757d', pointRadius: 6, pointStyle: 'rectRot' }
      ]
    },
    options: {
      maintainAspectRatio: false,
      scales: {
        x: { type: 'linear', ticks: { callback: when, maxRotation: 0, autoSkip: true } },
        y: { reverse: true, min: -0.5, max: data.platforms.length - 0.5, ticks: { stepSize: 1, callback: v => data.platforms[v] ?? '' } }
      },
      plugins: { tooltip: { callbacks: { label: c => data.platforms[c.raw.y] + ': ' + when(c.raw.x) } } }
    }
  });
})();

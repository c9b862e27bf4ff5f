// The operation's graph: platforms, their domains, and the identifiers they share (Cytoscape.js, laid out by force).
(function () {
  const box = document.getElementById('operation-graph');
  const data = JSON.parse(document.getElementById('operation-data').textContent);
  const cy = cytoscape({
    container: box,
    elements: data.elements,
    style: [
      { selector: 'node', style: { 'label': 'data(label)', 'font-size': 10, 'text-wrap': 'wrap', 'text-max-width': 140, 'color': '#212529' } },
      { selector: 'node[type = "platform"]', style: { 'background-color': '#0d6efd', 'shape': 'round-rectangle', 'width': 28, 'height': 28 } },
      { selector: 'node[type = "domain"]', style: { 'background-color': '#adb5bd', 'width': 14, 'height': 14 } },
      { selector: 'node[type = "dark"]', style: { 'background-color': '#dc3545', 'width': 14, 'height': 14 } },
      { selector: 'node[type = "strong"]', style: { 'background-color': '#fd7e14', 'shape': 'diamond', 'width': 18, 'height': 18 } },
      { selector: 'node[type = "medium"]', style: { 'background-color': '#ffc107', 'shape': 'diamond', 'width': 14, 'height': 14 } },
      { selector: 'edge', style: { 'width': 1.5, 'line-color': '#ced4da', 'curve-style': 'bezier' } },
      { selector: 'edge[type = "signal"]', style: { 'line-color': '#fd7e14' } },
      { selector: 'edge[type = "corroborating"]', style: { 'line-color': '#ffc107', 'line-style': 'dashed' } },
      { selector: 'edge[type = "hop"]', style: { 'line-color': '#dc3545', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#dc3545', 'label': 'data(label)', 'font-size': 9 } }
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: 9000 },
    wheelSensitivity: 0.2
  });
  cy.on('tap', 'node[href]', function (e) { window.location.href = e.target.data('href'); });
  box.dataset.nodes = String(cy.nodes().length);
  box.dataset.edges = String(cy.edges().length);
})();

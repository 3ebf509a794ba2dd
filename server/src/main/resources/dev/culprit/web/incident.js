/* The incident page: draws the subgraph and the evidence timeline from the page's JSON. */
(function () {
  'use strict';
  var d = CulpritCharts.data();
  if (!d) { return; }
  CulpritCharts.graph(document.getElementById('graph'), d.graph);
  CulpritCharts.timeline(document.getElementById('timeline'), d.timeline);
}());

/* The entity-graph page: draws the neighbourhood from the page's JSON. */
(function () {
  'use strict';
  var d = CulpritCharts.data();
  if (d) { CulpritCharts.graph(document.getElementById('graph'), d.graph); }
}());

/* Culprit's drawings: maps the JSON a page carries onto ECharts options (SVG renderer, so that
 * labels are text in the page). Every label is set as text; tooltips escape what they show. */
(function () {
  'use strict';
  var EDGES = {
    calls: { color: '#4a6fa5', type: 'solid' },
    instance_of: { color: '#9a9a9a', type: 'dashed' },
    hosted_on: { color: '#b58900', type: 'dotted' },
    data_flow: { color: '#2aa198', type: 'solid' }
  };

  function esc(s) {
    return String(s == null ? '' : s)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function data(id) {
    var el = document.getElementById(id || 'culprit-data');
    return el ? JSON.parse(el.textContent) : null;
  }

  function labelOf(n) {
    return (n.rank ? '#' + n.rank + ' ' : '') + n.name;
  }

  function graph(el, g) {
    var chart = echarts.init(el, null, { renderer: 'svg' });
    var nodes = g.nodes.map(function (n) {
      var text = labelOf(n);
      var marked = n.rank > 0 || n.center;
      return {
        id: n.id,
        name: n.id,
        value: n.score,
        symbolSize: n.rank ? 40 - 5 * n.rank : (n.center ? 32 : (n.affected ? 22 : 14)),
        label: { show: true, fontWeight: marked ? 'bold' : 'normal',
          formatter: function () { return text; } },
        itemStyle: marked ? { borderColor: '#c00000', borderWidth: 4 } : { borderColor: '#fff' },
        culprit: n
      };
    });
    var links = g.links.map(function (l) {
      var s = EDGES[l.kind] || EDGES.calls;
      return { source: l.source, target: l.target, kind: l.kind,
        lineStyle: { color: s.color, type: s.type, width: l.kind === 'calls' ? 2 : 1.5 } };
    });
    chart.setOption({
      animation: false,
      tooltip: {
        formatter: function (p) {
          if (p.dataType === 'edge') {
            return esc(p.data.source) + ' → ' + esc(p.data.target) + '<br>' + esc(p.data.kind);
          }
          var n = p.data.culprit;
          return esc(n.id) + (n.rank ? '<br>candidate #' + n.rank : '') +
            '<br>anomaly ' + esc(n.score.toFixed(2));
        }
      },
      visualMap: {
        type: 'continuous', min: 0, max: g.maxScore > 0 ? g.maxScore : 1, seriesIndex: 0,
        text: ['strong anomaly', 'none'], calculable: false, orient: 'horizontal', left: 'center',
        bottom: 0, inRange: { color: ['#dfe7f0', '#f5a623', '#d0021b'] }
      },
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true,
        force: { repulsion: 260, edgeLength: [60, 140], gravity: 0.08, layoutAnimation: false },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
        label: { position: 'right', fontSize: 12 },
        data: nodes, links: links
      }]
    });
    el.dataset.nodes = String(nodes.length);
    el.dataset.candidates = g.nodes.filter(function (n) { return n.rank > 0; })
      .sort(function (a, b) { return a.rank - b.rank; })
      .map(function (n) { return n.id; }).join(' ');
    window.addEventListener('resize', function () { chart.resize(); });
    return chart;
  }

  function timeline(el, t) {
    var chart = echarts.init(el, null, { renderer: 'svg' });
    function points(suppressed) {
      return t.points.filter(function (p) { return p.suppressed === suppressed; })
        .map(function (p) { return { value: [p.time, p.family, p.score], culprit: p }; });
    }
    var onsets = t.onsets.map(function (o) {
      var text = '#' + o.rank + ' ' + o.entity;
      return { xAxis: o.time, label: { formatter: function () { return text; } } };
    });
    chart.setOption({
      animation: false,
      grid: { left: 70, right: 30, top: 40, bottom: 40 },
      tooltip: {
        formatter: function (p) {
          var c = p.data.culprit;
          return esc(c.entity) + '<br>' + esc(c.family) + ': ' + esc(c.feature) +
            '<br>score ' + esc(c.score.toFixed(2)) + '<br>' + esc(new Date(c.time).toISOString()) +
            (c.suppressed ? '<br>held back' : '');
        }
      },
      legend: { data: ['evidence', 'held back'], top: 0 },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: t.families },
      series: [
        { name: 'evidence', type: 'scatter', data: points(false),
          symbolSize: function (v) { return Math.min(28, 6 + 2 * v[2]); },
          itemStyle: { color: '#d0021b' },
          markLine: { symbol: 'none', lineStyle: { color: '#333', type: 'dashed' },
            label: { position: 'end' }, data: onsets } },
        { name: 'held back', type: 'scatter', data: points(true), symbol: 'emptyCircle',
          symbolSize: function (v) { return Math.min(28, 6 + 2 * v[2]); },
          itemStyle: { color: '#888' } }
      ]
    });
    el.dataset.families = t.families.join(' ');
    el.dataset.onsets = String(t.onsets.length);
    window.addEventListener('resize', function () { chart.resize(); });
    return chart;
  }

  window.CulpritCharts = { esc: esc, data: data, graph: graph, timeline: timeline };
}());

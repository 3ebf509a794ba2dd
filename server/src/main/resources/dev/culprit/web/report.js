/* The replay report: bars per fault kind and the rank of the truth over time per fault. */
(function () {
  'use strict';
  var d = CulpritCharts.data('culprit-report');
  if (!d) { return; }
  var esc = CulpritCharts.esc;
  var NOT_RANKED = 6;

  var kinds = echarts.init(document.getElementById('kinds'), null, { renderer: 'svg' });
  function pct(field) {
    return d.byKind.map(function (k) { return Math.round(1000 * k[field]) / 10; });
  }
  kinds.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: d.byKind.map(function (k) { return k.kind; }),
      axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', max: 100, name: '%' },
    series: [
      { name: 'detected', type: 'bar',
        data: d.byKind.map(function (k) {
          return k.faults === 0 ? 0 : Math.round(1000 * k.detected / k.faults) / 10;
        }) },
      { name: 'top-1', type: 'bar', data: pct('top1') },
      { name: 'top-3', type: 'bar', data: pct('top3') }
    ]
  });
  document.getElementById('kinds').dataset.kinds = String(d.byKind.length);

  var ranks = echarts.init(document.getElementById('ranks'), null, { renderer: 'svg' });
  var series = d.faults.map(function (f) {
    var points = [[0, NOT_RANKED]];
    f.ranks.forEach(function (r) {
      points.push([(r.time - f.start) / 60000, r.rank == null ? NOT_RANKED : r.rank]);
    });
    return { name: f.id, type: 'line', step: 'end', data: f.ranks.length ? points : [],
      culprit: f, symbolSize: 4 };
  });
  ranks.setOption({
    animation: false,
    tooltip: {
      trigger: 'item',
      formatter: function (p) {
        return esc(p.seriesName) + '<br>' + esc(p.value[0].toFixed(1)) + ' min: rank ' +
          (p.value[1] === NOT_RANKED ? 'none' : esc(p.value[1]));
      }
    },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 50, right: 20, top: 20, bottom: 60 },
    xAxis: { type: 'value', name: 'min after the fault began' },
    yAxis: { type: 'value', inverse: true, min: 1, max: NOT_RANKED, interval: 1, name: 'rank' },
    series: series
  });
  document.getElementById('ranks').dataset.faults = String(series.length);
}());

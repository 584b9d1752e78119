// Median and 90th-percentile time per step, drawn with uPlot from the JSON the server put
// in #chart's data-chart attribute (no inline script: the hub's CSP allows only files).
(function () {
  var el = document.getElementById('chart');
  if (!el || typeof uPlot === 'undefined') return;
  var d = JSON.parse(el.getAttribute('data-chart'));
  var x = d.steps.map(function (_, i) {
    return i;
  });
  var bars = uPlot.paths.bars({ size: [0.4, 40] });
  new uPlot(
    {
      width: Math.min(900, el.clientWidth || 900),
      height: 260,
      scales: { x: { time: false, range: [-0.5, x.length - 0.5] } },
      axes: [
        {
          values: function (_, ticks) {
            return ticks.map(function (i) {
              return d.steps[i] || '';
            });
          },
          splits: function () {
            return x;
          },
        },
        { label: 's' },
      ],
      series: [
        {},
        { label: d.labels[0], stroke: '#2563eb', fill: '#2563eb88', paths: bars },
        { label: d.labels[1], stroke: '#f59e0b', width: 2, points: { show: true } },
      ],
    },
    [x, d.median, d.p90],
    el,
  );
})();

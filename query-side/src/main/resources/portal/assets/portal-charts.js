/* Draws the statistics page's charts from the figures the page carries (script#chart-data); the same numbers are
   in the table below each chart, so nothing is lost without script. */
(function () {
  var source = document.getElementById('chart-data');
  if (!source || typeof echarts === 'undefined') { return; }
  var data = JSON.parse(source.textContent);
  var palette = ['#1f4e79', '#c0504d', '#4f8a10', '#8064a2'];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var instance = echarts.init(el, null, { renderer: 'canvas' });
    option.color = palette;
    option.tooltip = { trigger: 'axis' };
    option.legend = { top: 0 };
    option.grid = { left: 48, right: 16, top: 36, bottom: 48, containLabel: true };
    option.animation = false;
    instance.setOption(option);
    window.addEventListener('resize', function () { instance.resize(); });
  }
  function series(name, values, type) {
    return { name: name, type: type, data: values, connectNulls: false, label: { show: values.length <= 12 } };
  }
  var months = { type: 'category', data: data.months };
  chart('chart-monthly', { xAxis: months, yAxis: { type: 'value', minInterval: 1 },
    series: [series('受理件数', data.series.accepted, 'bar'), series('办结件数', data.series.concluded, 'bar')] });
  chart('chart-rates', { xAxis: months, yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [series('当日办结率', data.series.sameDayRate, 'line'), series('按时办结率', data.series.onTimeRate, 'line')] });
  chart('chart-speed', { xAxis: months, yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [series('承诺提速', data.series.promisedSpeedUp, 'bar'), series('办理提速', data.series.actualSpeedUp, 'bar')] });
  chart('chart-bodies', { xAxis: { type: 'category', data: data.bodies, axisLabel: { interval: 0, rotate: 20, width: 120, overflow: 'truncate' } },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [series('办结件数', data.byBody.concluded, 'bar'),
      Object.assign(series('按时办结率', data.byBody.onTimeRate, 'line'), { yAxisIndex: 1 })] });
}());

// Line or bar chart of several series over shared labels; amounts arrive as exact strings, drawn as numbers.
function budgetChart(id, labels, series, type) {
  const el = document.getElementById(id);
  if (!el || !window.echarts) { return null; }
  const chart = echarts.init(el);
  // No animation: a screenshot or a print shows the figures, not a frame of a growing bar.
  chart.setOption({
    animation: false,
    tooltip: {trigger: "axis"},
    legend: {top: 0},
    grid: {top: 40, left: 60, right: 20, bottom: 60},
    xAxis: {type: "category", data: labels, axisLabel: {interval: 0, rotate: labels.length > 4 ? 20 : 0}},
    yAxis: {type: "value", name: "万元"},
    series: series.map(s => ({name: s.name, type: type || "line", connectNulls: true,
      data: s.data.map(v => (v === null || v === undefined || v === "") ? null : Number(v))})),
  });
  window.budgetCharts = (window.budgetCharts || []).concat([chart]);
  return chart;
}

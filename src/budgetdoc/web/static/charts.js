// Line or bar chart of several series over shared labels; amounts arrive as exact strings, drawn as numbers.
function budgetChart(id, labels, series, type) {
  const el = document.getElementById(id);
  if (!el || !window.echarts) { return null; }
  const chart = echarts.init(el);
  // No animation: a screenshot or a print shows the figures, not a frame of a growing bar.
  chart.setOption({
    animation: false,
    tooltip: {trigger: "axis"},
    legend: {top: 0, type: "scroll"},
    grid: {top: 40, left: 60, right: 20, bottom: 60},
    xAxis: {type: "category", data: labels, axisLabel: {interval: 0, rotate: labels.length > 4 ? 20 : 0}},
    yAxis: {type: "value", name: "万元"},
    series: series.map(s => ({name: s.name, type: type || "line", connectNulls: true,
      data: s.data.map(v => (v === null || v === undefined || v === "") ? null : Number(v))})),
  });
  window.budgetCharts = (window.budgetCharts || []).concat([chart]);
  return chart;
}

// A search box that narrows a long <select>: options whose data-search text holds every typed word stay visible
// (selected ones always do, so a choice is never hidden from the form).
function filterSelect(inputId, selectId) {
  const input = document.getElementById(inputId), select = document.getElementById(selectId);
  if (!input || !select) { return; }
  const fold = s => s.toLowerCase().replace(/[\s“”"'()（）\[\]\/._·-]+/g, "");
  input.addEventListener("input", () => {
    const words = input.value.split(/\s+/).map(fold).filter(Boolean);
    for (const opt of select.options) {
      const text = fold(opt.dataset.search || opt.textContent);
      opt.hidden = !opt.selected && !words.every(w => text.includes(w));
    }
  });
}

/* Draws every chart of a chart page (gongkai.apps.charts) with Apache ECharts from its data,
   a <script type="application/json"> element (json_script) — the same object the table under
   the chart was printed from. No inline script, no inline style markup: the tooltip is drawn
   in the canvas (renderMode "richText") because the HTML tooltip writes style="" attributes
   the site's Content-Security-Policy refuses. */
(function () {
  "use strict";
  if (typeof echarts === "undefined") {
    return;
  }
  /* Colours with at least 3:1 contrast on white (WCAG 1.4.11); the decal patterns and the
     table keep colour from being the only cue. */
  var PALETTE = [
    "#1f4e8c", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#4b5563"
  ];
  var reduceMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function narrow() {
    return window.innerWidth < 576;
  }

  function base(data) {
    return {
      color: PALETTE,
      animation: !reduceMotion,
      aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
      textStyle: { fontFamily: "inherit", color: "#212529", fontSize: 13 },
      legend: { type: "scroll", bottom: 0, left: "center", textStyle: { fontSize: 13 } },
      tooltip: { renderMode: "richText", confine: true }
    };
  }

  function pieOption(data) {
    var option = base(data);
    var values = data.series[0].values;
    option.tooltip.trigger = "item";
    option.legend.show = false;
    option.series = [{
      name: data.series[0].name,
      type: "pie",
      radius: narrow() ? ["25%", "55%"] : ["35%", "65%"],
      center: ["50%", "50%"],
      itemStyle: { borderColor: "#fff", borderWidth: 2 },
      label: { formatter: "{b}\n{c}" + (data.unit || "") },
      data: data.categories.map(function (name, i) {
        var empty = !values[i];
        return {
          name: name,
          value: values[i],
          label: { show: !empty },
          labelLine: { show: !empty }
        };
      })
    }];
    return option;
  }

  function axisOption(data) {
    var option = base(data);
    var shown = data.shown || data.categories.length;
    var categories = data.categories.slice(0, shown);
    var longLabels = categories.some(function (c) { return c.length > 4; });
    var twoAxes = data.series.some(function (s) { return s.axis === 1; });
    option.tooltip.trigger = "axis";
    option.grid = { left: 8, right: 8, top: 36, bottom: 40, containLabel: true };
    option.xAxis = {
      type: "category",
      data: categories,
      axisLabel: {
        interval: 0,
        rotate: longLabels || (narrow() && categories.length > 6) ? 35 : 0,
        width: narrow() ? 64 : 110,
        overflow: "truncate"
      }
    };
    option.yAxis = [{ type: "value", name: data.unit || "", minInterval: 1 }];
    if (twoAxes) {
      option.yAxis.push({
        type: "value", name: data.unitRight, min: 0, max: 100, position: "right",
        splitLine: { show: false }
      });
    }
    option.series = data.series.map(function (s) {
      var series = {
        name: s.name,
        type: s.line ? "line" : "bar",
        data: s.values.slice(0, shown),
        yAxisIndex: twoAxes ? s.axis : 0,
        connectNulls: false
      };
      if (data.kind === "stacked" && !s.line) {  /* a line (a total) stands beside the stack */
        series.stack = "total";
        series.itemStyle = { borderColor: "#fff", borderWidth: 1 };
      }
      if (s.line) {
        series.symbolSize = 7;
        series.lineStyle = { width: 3 };
      }
      return series;
    });
    return option;
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-chart"));
    var canvas = container.querySelector("[data-chart-canvas]");
    if (!source || !canvas) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(canvas, null, { renderer: "canvas" });
    chart.setOption(data.kind === "pie" ? pieOption(data) : axisOption(data));
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(function () { chart.resize(); }).observe(canvas);
    } else {
      window.addEventListener("resize", function () { chart.resize(); });
    }
  }

  document.querySelectorAll(".gk-chart[data-chart]").forEach(draw);
})();

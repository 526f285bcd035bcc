/* The book's page script (loaded deferred, after plotly.js, on every page).
 *
 * Charts: each <figure class="usnk-figure"> holds its figure as JSON
 * (<script type="application/json" class="usnk-figure-data">, written by
 * usnk.render.figure_html). This script draws it with Plotly and, on every chart:
 *   - replaces Plotly's legend by a row of toggle buttons under the chart, and its
 *     dropdown menus by labelled <select> elements above it (keyboard and thumb);
 *   - adapts the layout to a narrow screen (fewer ticks, smaller type, tight margins,
 *     bar labels inside their bars, no range slider) and drops any text label that
 *     would collide with another or run out of the chart;
 *   - follows the page's colour mode (pydata theme: <html data-theme>), printing in
 *     the light layout at the paper's width;
 *   - keeps the figure the one focusable, labelled element: the drawing is hidden
 *     from screen readers and its toolbar from the Tab key; the description follows
 *     the menus; a "data table" switch builds a table of what the chart shows.
 * Theme: small fixes of the theme's markup that accessibility checkers flag.
 */
(function () {
  "use strict";

  var NARROW = 600;            // px: below this chart width the narrow layout applies
  var PRINT_WIDTH = 640;       // px: at most this wide on paper (A4 and Letter, 96 dpi)
  var MAX_TABLE_ROWS = 5000;
  var charts = [];
  window.usnkCharts = charts;  // the page's charts, once drawn (none on a page without)
  var printing = false;

  // ---------- colours ----------
  function parseColour(c) {
    if (typeof c !== "string") return null;
    var m = c.trim().match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
    if (m) {
      var h = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
      return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 1];
    }
    m = c.match(/^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i);
    if (m) return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
    return null;
  }
  function luminance(rgb) {
    var v = rgb.slice(0, 3).map(function (x) {
      x /= 255;
      return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function hex(rgb) {
    return "#" + rgb.slice(0, 3).map(function (x) {
      return ("0" + Math.round(x).toString(16)).slice(-2);
    }).join("");
  }
  /* ``colour`` moved towards black or white until it reads at ``ratio`` on ``bg``. */
  function readable(colour, bg, ratio) {
    var c = parseColour(colour), b = parseColour(bg);
    if (!c || !b || c[3] < 1 || contrast(c, b) >= ratio) return colour;
    var target = luminance(b) > 0.3 ? [0, 0, 0] : [255, 255, 255];
    for (var t = 0.1; t <= 1.0001; t += 0.1) {
      var mixed = c.map(function (x, i) { return i < 3 ? x + (target[i] - x) * t : 1; });
      if (contrast(mixed, b) >= ratio) return hex(mixed);
    }
    return hex(target);
  }

  var THEMES = {
    light: {bg: "#ffffff", text: "#1f2328", muted: "#4a5059", grid: "#e5e5e5", zero: "#c0c0c0", line: "#555555"},
    dark: {bg: "#14181e", text: "#e6e8eb", muted: "#c2c7cf", grid: "#343b46", zero: "#59616d", line: "#9aa2ad"}
  };
  function currentTheme() {
    if (printing) return "light";
    return document.documentElement.getAttribute("data-theme") === "dark" ? "dark" : "light";
  }

  // ---------- figure preparation ----------
  function copy(x) { return JSON.parse(JSON.stringify(x)); }
  function plainText(htmlText) {
    var d = document.createElement("div");
    d.innerHTML = String(htmlText == null ? "" : htmlText).replace(/<br\s*\/?>/gi, " ");
    return (d.textContent || "").replace(/\s+/g, " ").trim();
  }
  function axisKeys(layout) {
    return Object.keys(layout).filter(function (k) { return /^[xy]axis\d*$/.test(k); });
  }
  function darkSwap(colour, theme) {
    // near-black data marks (nuclear tests, outlines) would vanish on a dark page
    var c = parseColour(colour);
    if (!c || theme !== "dark") return colour;
    return luminance(c) < 0.05 ? "#e8e8e8" : colour;
  }
  function recolourTrace(t, theme) {
    ["marker", "line"].forEach(function (k) {
      if (t[k] && typeof t[k].color === "string") t[k].color = darkSwap(t[k].color, theme);
      if (t[k] && t[k].line && typeof t[k].line.color === "string") t[k].line.color = darkSwap(t[k].line.color, theme);
    });
    if (t.textfont && typeof t.textfont.color === "string") t.textfont.color = readable(darkSwap(t.textfont.color, theme), THEMES[theme].bg, 4.5);
  }

  /* The layout and data to draw for ``opts`` ({narrow, theme, width}), from the
   * figure as the book wrote it. */
  function prepare(chart, opts) {
    var data = copy(chart.fig.data || []);
    var layout = copy(chart.fig.layout || {});
    var th = THEMES[opts.theme];
    delete layout.height;
    layout.autosize = true;
    layout.showlegend = false;     // the legend is the row of buttons under the chart
    delete layout.updatemenus;     // the menus are <select> elements above it
    if (layout.annotations) {
      layout.annotations = layout.annotations.filter(function (a) { return a.name !== "usnk-menu-label"; });
    }
    layout.paper_bgcolor = "rgba(0,0,0,0)";
    if (opts.theme === "dark" || !layout.plot_bgcolor) layout.plot_bgcolor = "rgba(0,0,0,0)";
    layout.font = Object.assign({}, layout.font || {}, {color: th.text});
    var m = Object.assign({l: 60, r: 20, t: 20, b: 40}, layout.margin || {});
    if (!layout.title || !(layout.title.text || typeof layout.title === "string")) m.t = Math.min(m.t, 24);
    axisKeys(layout).forEach(function (k) {
      var ax = layout[k];
      ax.gridcolor = th.grid;
      ax.zerolinecolor = th.zero;
      ax.linecolor = th.line;
      ax.automargin = true;
      ax.tickfont = Object.assign({}, ax.tickfont || {}, {color: th.text});
      if (ax.title && typeof ax.title === "object") ax.title.font = Object.assign({}, ax.title.font || {}, {color: th.text});
    });
    (layout.annotations || []).forEach(function (a) {
      a.font = Object.assign({}, a.font || {});
      a.font.color = readable(darkSwap(a.font.color || th.text, opts.theme), th.bg, 4.5);
      if (a.bgcolor) a.bgcolor = opts.theme === "dark" ? "rgba(20,24,30,0.85)" : a.bgcolor;
      if (a.arrowcolor) a.arrowcolor = darkSwap(a.arrowcolor, opts.theme);
    });
    (layout.shapes || []).forEach(function (s) {
      if (s.line && typeof s.line.color === "string") s.line.color = darkSwap(s.line.color, opts.theme);
    });
    data.forEach(function (t) { recolourTrace(t, opts.theme); });
    if (opts.narrow) {
      layout.font.size = 11;
      m.l = Math.min(m.l, 40);
      m.r = Math.min(m.r, 8);
      m.b = Math.min(m.b, 30);
      axisKeys(layout).forEach(function (k) {
        var ax = layout[k];
        ax.tickfont.size = 10;
        if (ax.type !== "category" && !Array.isArray(ax.tickvals)) ax.nticks = Math.min(ax.nticks || 5, 5);
        if (ax.rangeslider) ax.rangeslider.visible = false;
        if (ax.title && typeof ax.title === "object") ax.title.font.size = 11;
        else if (typeof ax.title === "string") ax.title = {text: ax.title, font: {size: 11, color: th.text}};
      });
      (layout.annotations || []).forEach(function (a) { a.font.size = Math.min(a.font.size || 12, 10); });
      if (layout.title && layout.title.font) layout.title.font.size = 13;
      data.forEach(function (t) {
        if (t.type === "bar" && (t.text !== undefined || t.texttemplate !== undefined)) {
          t.textposition = "inside";
          t.insidetextanchor = "end";
          t.constraintext = "inside";
          t.textangle = 0;
          t.textfont = Object.assign({}, t.textfont || {}, {size: 10});
        }
      });
      wrapCategoryLabels(data, layout);
      compressGrid(layout, {x: (chart.el.clientWidth || 340) - m.l - m.r, y: (chart.boxHeight || 450) - m.t - m.b});
    }
    layout.margin = m;
    if (opts.width) layout.width = opts.width;
    return {data: data, layout: layout};
  }

  /* Break a label into lines of about ``width`` characters (Plotly's <br>). */
  function wrapText(text, width) {
    var words = String(text).split(/\s+|(?<=-)/), lines = [], cur = "";
    words.forEach(function (w) {
      var sep = cur && !/-$/.test(cur) ? " " : "";
      if (cur && (cur + sep + w).length > width) { lines.push(cur); cur = w; }
      else cur = cur + sep + w;
    });
    if (cur) lines.push(cur);
    return lines.join("<br>");
  }

  /* Narrow screens: the long category names of a horizontal bar chart (or any text
   * axis) take the plot's width; shown on lines of 14 characters instead. */
  function wrapCategoryLabels(data, layout) {
    var cats = {};
    data.forEach(function (t) {
      ["x", "y"].forEach(function (k) {
        var v = t[k];
        if (!Array.isArray(v) || !v.length || typeof v[0] !== "string" || /^\d{4}-\d{2}/.test(v[0])) return;
        var axis = k + "axis" + String(t[k + "axis"] || k).slice(1);
        (cats[axis] = cats[axis] || []).push.apply(cats[axis], v);
      });
    });
    Object.keys(cats).forEach(function (axis) {
      var ax = layout[axis] = layout[axis] || {};
      if (Array.isArray(ax.tickvals)) return;
      var seen = {}, vals = cats[axis].filter(function (c) { return !seen[c] && (seen[c] = true); });
      if (!vals.some(function (c) { return plainText(c).length > 14; })) return;
      ax.tickmode = "array";
      ax.tickvals = vals;
      ax.ticktext = vals.map(function (c) { return wrapText(plainText(c), 14); });
    });
  }

  /* Narrow screens: the gaps between small multiples (a grid of subplots) shrink to
   * what their titles and tick labels need, and the panels' titles move with them. */
  function compressGrid(layout, plotPx) {
    ["x", "y"].forEach(function (dim) {
      var keys = Object.keys(layout).filter(function (k) {
        return new RegExp("^" + dim + "axis\\d*$").test(k) && Array.isArray(layout[k].domain);
      });
      var uniq = [];
      keys.forEach(function (k) {
        var d = layout[k].domain;
        if (d[1] - d[0] < 0.01) return;
        if (!uniq.some(function (u) { return Math.abs(u[0] - d[0]) < 1e-6 && Math.abs(u[1] - d[1]) < 1e-6; })) uniq.push(d.slice());
      });
      if (uniq.length < 2) return;
      uniq.sort(function (a, b) { return a[0] - b[0]; });
      for (var i = 1; i < uniq.length; i++) if (uniq[i][0] < uniq[i - 1][1] - 1e-6) return;  // overlapping: not a grid
      // a row needs room for its tick labels and the next row's title; a column, a little air
      var gap = Math.min(dim === "y" ? 34 / plotPx.y : 10 / plotPx.x, 0.15);
      var lo = uniq[0][0], hi = uniq[uniq.length - 1][1];
      var size = (hi - lo - gap * (uniq.length - 1)) / uniq.length;
      var oldGaps = (hi - lo) - uniq.reduce(function (s, u) { return s + u[1] - u[0]; }, 0);
      if (size <= 0 || oldGaps <= gap * (uniq.length - 1)) return;
      var map = uniq.map(function (u, i) { return [u, [lo + i * (size + gap), lo + i * (size + gap) + size]]; });
      function moved(v, end) {
        for (var j = 0; j < map.length; j++) {
          var o = map[j][0], n = map[j][1];
          if (Math.abs(v - o[end]) < 1e-6) return n[end];
          if (end === 0 && Math.abs(v - (o[0] + o[1]) / 2) < 1e-6) return (n[0] + n[1]) / 2;
        }
        return null;
      }
      keys.forEach(function (k) {
        var d = layout[k].domain, a = moved(d[0], 0), b = moved(d[1], 1);
        if (a !== null && b !== null) layout[k].domain = [a, b];
      });
      (layout.annotations || []).forEach(function (an) {
        if (an[dim + "ref"] !== "paper" || typeof an[dim] !== "number") return;
        var v = moved(an[dim], dim === "y" ? 1 : 0);
        if (v === null && dim === "y") v = moved(an[dim], 0);
        if (v !== null) an[dim] = v;
      });
    });
  }

  // ---------- drawing ----------
  function optionsFor(chart) {
    var width = chart.el.clientWidth || chart.figure.clientWidth;
    var opts = {narrow: width < NARROW, theme: currentTheme(), width: null};
    if (printing) {
      opts.width = Math.min(width || PRINT_WIDTH, PRINT_WIDTH);
      opts.narrow = false;
    }
    return opts;
  }

  function draw(chart) {
    var opts = optionsFor(chart);
    chart.opts = opts;
    var p = prepare(chart, opts);
    // legend toggles the reader made
    p.data.forEach(function (t, i) {
      if (chart.hidden[i]) t.visible = "legendonly";
    });
    var done = Plotly.react(chart.el, p.data, p.layout, chart.config);
    var after = function () {
      chart.menuState.forEach(function (choice, menu) {
        if (choice !== chart.menuDefault[menu]) applyButton(chart, menu, choice, true);
      });
      fitHeight(chart, opts);
      fitLabels(chart);
      quietDrawing(chart);
      chart.figure.classList.add("usnk-drawn");
    };
    if (done && typeof done.then === "function") return done.then(after);
    after();
    return Promise.resolve();
  }

  /* The drawing is decoration for assistive technology (the figure carries the name,
   * the description and the data table): hidden from screen readers, its toolbar
   * left to pointer users. */
  function quietDrawing(chart) {
    chart.el.setAttribute("aria-hidden", "true");
    chart.el.querySelectorAll("button, a[href], [tabindex], input, select").forEach(function (n) {
      n.setAttribute("tabindex", "-1");
    });
  }

  /* A plot with a fixed aspect ratio (a map) fills a phone's width but not the box's
   * height: the box shrinks to the plot instead of keeping blank space around it. */
  function fitHeight(chart, opts) {
    var layout = chart.fig.layout || {};
    var fixed = axisKeys(layout).some(function (k) { return layout[k].scaleanchor; });
    var wanted = chart.boxHeight;
    if (fixed && opts.narrow) {
      var full = chart.el._fullLayout;
      var rects = chart.el.querySelectorAll(".nsewdrag");
      if (!full || !rects.length) return;
      var top = Infinity, bottom = -Infinity;
      rects.forEach(function (r) {
        var b = r.getBoundingClientRect();
        if (b.height < 2) return;
        top = Math.min(top, b.top); bottom = Math.max(bottom, b.bottom);
      });
      var plotted = bottom - top;
      if (plotted > 0 && plotted < full._size.h - 20) wanted = Math.round(plotted + full.margin.t + full.margin.b + 10);
    }
    if (wanted !== chart.el.offsetHeight) {
      chart.el.style.height = wanted + "px";
      Plotly.Plots.resize(chart.el);
    }
  }

  /* Hide every annotation that overlaps an earlier one or runs out of the chart box. */
  function fitLabels(chart) {
    var anns = (chart.el.layout && chart.el.layout.annotations) || [];
    if (!anns.length) return;
    var box = chart.el.getBoundingClientRect();
    var kept = [], update = {};
    chart.el.querySelectorAll(".infolayer g.annotation").forEach(function (g) {
      var i = +g.getAttribute("data-index");
      var textG = g.querySelector(".annotation-text-g") || g;
      var r = textG.getBoundingClientRect();
      if (!r.width || anns[i].visible === false) return;
      var out = r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
      var hit = kept.some(function (k) {
        return r.left < k.right && k.left < r.right && r.top < k.bottom && k.top < r.bottom;
      });
      if (out || hit) update["annotations[" + i + "].visible"] = false;
      else kept.push(r);
    });
    if (Object.keys(update).length) Plotly.relayout(chart.el, update);
  }

  // ---------- menus as <select> ----------
  function applyButton(chart, menu, choice, silent) {
    var b = chart.menus[menu].buttons[choice];
    var args = copy(b.args || []);
    if (b.method === "restyle") Plotly.restyle(chart.el, args[0], args[1]);
    else if (b.method === "relayout") Plotly.relayout(chart.el, args[0]);
    else if (b.method === "update") Plotly.update(chart.el, args[0], args[1] || {}, args[2]);
    chart.menuState[menu] = choice;
    describe(chart);
    if (!silent) {
      fitLabels(chart);
      quietDrawing(chart);
      if (chart.tableOpen()) fillTable(chart);
    }
  }

  function buildMenus(chart) {
    var menus = (chart.fig.layout && chart.fig.layout.updatemenus) || [];
    chart.menus = menus;
    chart.menuState = [];
    chart.menuDefault = [];
    if (!menus.length) return;
    var box = document.createElement("div");
    box.className = "usnk-controls";
    menus.forEach(function (menu, mi) {
      var id = chart.id + "-menu-" + mi;
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = plainText(menu.name || "Show") + " ";
      var sel = document.createElement("select");
      sel.id = id;
      (menu.buttons || []).forEach(function (b, bi) {
        var o = document.createElement("option");
        o.value = String(bi);
        o.textContent = plainText(b.label);
        sel.appendChild(o);
      });
      var active = menu.active || 0;
      sel.value = String(active);
      chart.menuState[mi] = active;
      chart.menuDefault[mi] = active;
      sel.addEventListener("change", function () { applyButton(chart, mi, +sel.value, false); });
      var wrap = document.createElement("span");
      wrap.className = "usnk-control";
      wrap.appendChild(label);
      wrap.appendChild(sel);
      box.appendChild(wrap);
    });
    chart.figure.insertBefore(box, chart.el);
  }

  /* The figure's description: the book's text alternative, then what each menu shows
   * now (layout.meta.states[menu][button] when the chart gives one, else its label). */
  function describe(chart) {
    var meta = (chart.fig.layout && chart.fig.layout.meta) || {};
    var parts = [chart.baseDescription];
    chart.menus.forEach(function (menu, mi) {
      var choice = chart.menuState[mi];
      var states = meta.states && meta.states[mi];
      parts.push(states && states[choice] ? states[choice]
        : plainText(menu.name || "Showing") + ": " + plainText(menu.buttons[choice].label) + ".");
    });
    chart.description.textContent = parts.join(" ");
    if (chart.live) chart.live.textContent = parts.slice(1).join(" ");
  }

  // ---------- legend as buttons ----------
  function legendEntries(chart) {
    var data = chart.fig.data || [];
    var layout = chart.fig.layout || {};
    if (layout.showlegend === false) return [];
    var listed = [];
    data.forEach(function (t, i) {
      if (t.showlegend === false || t.type === "heatmap" || t.type === "table") return;
      listed.push(i);
    });
    if (layout.showlegend !== true && listed.length < 2) return [];
    var groups = [], byKey = {};
    listed.forEach(function (i) {
      var t = data[i];
      var key = t.legendgroup || ("trace-" + i);
      if (!byKey[key]) {
        byKey[key] = {name: plainText(t.name || ("Series " + (i + 1))), traces: [], first: i};
        groups.push(byKey[key]);
      }
    });
    // every trace of a group, listed or not, is toggled with it
    data.forEach(function (t, i) {
      var key = t.legendgroup || ("trace-" + i);
      if (byKey[key]) byKey[key].traces.push(i);
    });
    return groups;
  }

  function swatchColour(chart, i) {
    var full = chart.el._fullData && chart.el._fullData[i];
    var c = full && ((full.marker && typeof full.marker.color === "string" && full.marker.color) ||
      (full.line && full.line.color) || full.fillcolor);
    return typeof c === "string" ? c : "#888888";
  }

  function buildLegend(chart) {
    var groups = legendEntries(chart);
    if (!groups.length) return;
    var box = document.createElement("div");
    box.className = "usnk-legend";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Series shown (press to hide or show)");
    groups.forEach(function (g) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "usnk-legend-item";
      b.setAttribute("aria-pressed", "true");
      var sw = document.createElement("span");
      sw.className = "usnk-swatch";
      sw.setAttribute("aria-hidden", "true");
      var text = document.createElement("span");
      text.textContent = g.name;
      b.appendChild(sw);
      b.appendChild(text);
      b.addEventListener("click", function () {
        var on = b.getAttribute("aria-pressed") !== "true";
        b.setAttribute("aria-pressed", on ? "true" : "false");
        g.traces.forEach(function (i) { chart.hidden[i] = !on; });
        Plotly.restyle(chart.el, {visible: on ? true : "legendonly"}, g.traces);
        quietDrawing(chart);
        if (chart.tableOpen()) fillTable(chart);
      });
      g.button = b;
      g.swatch = sw;
      box.appendChild(b);
    });
    chart.legend = groups;
    chart.el.parentNode.insertBefore(box, chart.el.nextSibling);
  }

  function paintSwatches(chart) {
    (chart.legend || []).forEach(function (g) { g.swatch.style.background = swatchColour(chart, g.first); });
  }

  // ---------- data table ----------
  function decode(v) {
    if (v && typeof v === "object" && !Array.isArray(v) && v.bdata !== undefined) {
      var bin = atob(v.bdata), bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var T = {i1: Int8Array, u1: Uint8Array, i2: Int16Array, u2: Uint16Array, i4: Int32Array,
               u4: Uint32Array, f4: Float32Array, f8: Float64Array}[v.dtype] || Float64Array;
      return Array.from(new T(bytes.buffer));
    }
    if (v && typeof v === "object" && typeof v.length === "number") return Array.from(v);
    return Array.isArray(v) ? v : null;
  }
  var KEYS = ["x", "y", "lat", "lon", "labels", "values"];
  function axisTitle(layout, key) {
    var ax = layout[key];
    var t = ax && ax.title;
    return plainText(t && typeof t === "object" ? t.text : t) || "";
  }
  function tableRows(chart) {
    var data = chart.el.data || chart.fig.data || [];
    var layout = chart.fig.layout || {};
    var rows = [], used = {};
    data.forEach(function (t, ti) {
      if ((t.hoverinfo === "skip" && t.showlegend === false) || t.visible === false || t.visible === "legendonly") return;
      var name = plainText(t.name || (t.type + " " + (ti + 1)));
      if (t.type === "heatmap") {
        var xs = decode(t.x) || [], ys = decode(t.y) || [], z = t.z || [];
        ys.forEach(function (yv, yi) {
          xs.forEach(function (xv, xi) {
            rows.push({series: name, x: xv, y: yv, value: z[yi] ? z[yi][xi] : ""});
          });
        });
        used.x = used.y = used.value = true;
        return;
      }
      var cols = {};
      KEYS.forEach(function (k) { var v = decode(t[k]); if (v) { cols[k] = v; used[k] = true; } });
      var n = Math.max.apply(null, [0].concat(Object.keys(cols).map(function (k) { return cols[k].length; })));
      for (var i = 0; i < n; i++) {
        var row = {series: name};
        Object.keys(cols).forEach(function (k) { row[k] = cols[k][i]; });
        rows.push(row);
      }
    });
    var heads = {x: axisTitle(layout, "xaxis") || "x", y: axisTitle(layout, "yaxis") || "y",
                 lat: "latitude", lon: "longitude", labels: "label", values: "value", value: "value"};
    var columns = ["series"].concat(["x", "y", "lat", "lon", "labels", "values", "value"].filter(function (k) { return used[k]; }));
    return {rows: rows, columns: columns, heads: heads};
  }
  function cellText(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
    var s = String(v).replace(/^(\d{4}-\d{2}-\d{2})[ T]00:00:00(\.0+)?$/, "$1");
    return plainText(s);
  }
  function fillTable(chart) {
    var t = tableRows(chart);
    var table = document.createElement("table");
    table.className = "usnk-table";
    var cap = document.createElement("caption");
    cap.textContent = "Data of the chart “" + chart.title + "”" +
      (t.rows.length > MAX_TABLE_ROWS ? " (first " + MAX_TABLE_ROWS + " of " + t.rows.length + " rows; the CSV has all)" : "");
    table.appendChild(cap);
    var thead = table.createTHead().insertRow();
    t.columns.forEach(function (c) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = c === "series" ? "series" : t.heads[c];
      thead.appendChild(th);
    });
    var tbody = table.createTBody();
    t.rows.slice(0, MAX_TABLE_ROWS).forEach(function (r) {
      var tr = tbody.insertRow();
      t.columns.forEach(function (c) { tr.insertCell().textContent = cellText(r[c]); });
    });
    chart.tableBox.replaceChildren(table);
  }
  function buildTable(chart) {
    var details = document.createElement("details");
    details.className = "usnk-datatable";
    var summary = document.createElement("summary");
    summary.textContent = "Data table: " + chart.title;
    var box = document.createElement("div");
    box.className = "usnk-table-scroll";
    box.setAttribute("role", "region");
    box.setAttribute("tabindex", "0");
    box.setAttribute("aria-label", "Data table: " + chart.title);
    details.appendChild(summary);
    details.appendChild(box);
    details.addEventListener("toggle", function () { if (details.open) fillTable(chart); });
    chart.tableBox = box;
    chart.tableOpen = function () { return details.open; };
    var download = chart.figure.querySelector(".usnk-download");
    chart.figure.insertBefore(details, download);
  }

  // ---------- set-up ----------
  // the page's one copy of the Plotly config (usnk.render.page_config_html)
  var sharedConfig = null;
  function pageConfig() {
    if (sharedConfig === null) {
      var el = document.getElementById("usnk-plot-config");
      sharedConfig = el ? JSON.parse(el.textContent) : {};
    }
    return copy(sharedConfig);
  }

  function setUp(script) {
    var figure = script.closest("figure.usnk-figure");
    var el = figure && figure.querySelector(".usnk-chart");
    if (!el) return null;
    var fig = JSON.parse(script.textContent);
    var caption = figure.querySelector(".usnk-caption");
    var chart = {
      figure: figure, el: el, id: el.id, fig: fig, config: fig.config || pageConfig(), hidden: {},
      description: figure.querySelector(".usnk-description"),
      title: (figure.querySelector(".usnk-download a") || {}).textContent || "",
      tableOpen: function () { return false; }
    };
    var named = chart.title.match(/“(.*)”/);
    chart.title = named ? named[1] : plainText(caption ? caption.textContent : "chart");
    chart.baseDescription = chart.description.textContent;
    chart.boxHeight = el.offsetHeight;
    var nojs = el.querySelector(".usnk-nojs");
    if (nojs) nojs.remove();
    buildMenus(chart);
    if (chart.menus.length) {
      chart.live = document.createElement("p");
      chart.live.className = "usnk-live";
      chart.live.setAttribute("aria-live", "polite");
      chart.figure.insertBefore(chart.live, chart.el);
      describe(chart);
    }
    buildLegend(chart);
    buildTable(chart);
    return chart;
  }

  function drawAll() {
    if (!window.Plotly) {
      document.querySelectorAll("figure.usnk-figure .usnk-chart").forEach(function (el) {
        el.textContent = "This chart needs plotly.js, which did not load; its description, caption and data follow.";
      });
      return;
    }
    document.querySelectorAll("script.usnk-figure-data").forEach(function (s) {
      var chart = setUp(s);
      if (!chart) return;
      charts.push(chart);
      draw(chart).then(function () { paintSwatches(chart); });
    });
  }

  function redrawWhere(test) {
    charts.forEach(function (c) { if (test(c)) draw(c).then(function () { paintSwatches(c); }); });
  }

  // colour mode: the theme sets <html data-theme>
  new MutationObserver(function () {
    redrawWhere(function (c) { return c.opts && c.opts.theme !== currentTheme(); });
  }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});

  // crossing the narrow width (rotation, a resized window)
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      redrawWhere(function (c) {
        return !printing && c.opts && c.opts.narrow !== ((c.el.clientWidth || 0) < NARROW);
      });
    }, 150);
  });

  // print: light colours, at most the paper's width
  function setPrinting(on) {
    if (printing === on) return;
    printing = on;
    charts.forEach(function (c) { draw(c); });
  }
  window.addEventListener("beforeprint", function () { setPrinting(true); });
  window.addEventListener("afterprint", function () { setPrinting(false); });
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    var onChange = function (e) { setPrinting(e.matches); };
    if (mq.addEventListener) mq.addEventListener("change", onChange);
    else if (mq.addListener) mq.addListener(onChange);
  }

  // ---------- theme fixes ----------
  function fixTheme() {
    // the bibliography: a list whose entries the theme marks as doc-biblioentry
    document.querySelectorAll('[role="list"]').forEach(function (list) {
      Array.prototype.forEach.call(list.children, function (item) {
        if (item.getAttribute("role") === "doc-biblioentry") item.setAttribute("role", "listitem");
      });
    });
    // icons inside a labelled button are decoration: their titles ("Light", "Dark")
    // would be text the button's name ("Color mode") does not contain
    document.querySelectorAll("button[aria-label] [title], a[aria-label] [title]").forEach(function (i) {
      i.removeAttribute("title");
      i.setAttribute("aria-hidden", "true");
    });
    document.querySelectorAll("button[aria-label] svg").forEach(function (svg) {
      svg.querySelectorAll("title").forEach(function (t) { t.remove(); });
      svg.removeAttribute("role");
      svg.removeAttribute("aria-labelledby");
      svg.setAttribute("aria-hidden", "true");
    });
    // buttons whose accessible name differs from the text they show
    document.querySelectorAll("button[aria-label], a[aria-label]").forEach(function (b) {
      var visible = (b.innerText || "").replace(/\s+/g, " ").trim();
      var name = b.getAttribute("aria-label");
      if (visible && name && name.toLowerCase().indexOf(visible.toLowerCase()) === -1) {
        b.removeAttribute("aria-label");  // named by the text it shows
      }
    });
  }

  function start() {
    fixTheme();
    drawAll();
    // late theme markup (tooltips, the search dialog) is fixed again after load
    window.addEventListener("load", function () { fixTheme(); setTimeout(fixTheme, 500); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

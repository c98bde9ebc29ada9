// The interactive report: tables and ECharts views built from window.REPORT (written by
// analogsweep's HtmlReport). Renders with SVG so that the page reads the same everywhere.
(function () {
  'use strict';
  var R = window.REPORT;
  var charts = [];
  var status = { charts: 0, findings: 0, points: 0, runs: 0 };
  var CI = { mean_accuracy_pct: ['ci_low_pct', 'ci_high_pct'], gain_pts: ['ci_low_pts', 'ci_high_pts'] };
  var SKIP_Y = ['ci_low_pct', 'ci_high_pct', 'ci_low_pts', 'ci_high_pts', 'runs', 'n', 'seeds',
    'relu_end_i', 'smooth_end_i', 'plane_points'];

  function text(v) {
    if (v === null || v === undefined) { return 'none'; }
    if (Array.isArray(v)) { return v.length ? v.join('-') : 'none'; }
    if (typeof v === 'number') { return String(Math.round(v * 1e6) / 1e6); }
    return String(v);
  }
  function fmt(v) {
    if (v === null || v === undefined || v === '') { return '–'; }
    if (typeof v === 'number') { return Number(v.toPrecision(4)).toString(); }
    return text(v);
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function col(table, name) { return table.columns.indexOf(name); }
  function distinct(rows, k) {
    var seen = {}, out = [];
    rows.forEach(function (r) { var t = text(r[k]); if (!(t in seen)) { seen[t] = true; out.push(r[k]); } });
    out.sort(function (a, b) {
      return (typeof a === 'number' && typeof b === 'number') ? a - b : text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0;
    });
    return out;
  }
  function select(label, options, onChange, initial) {
    var s = el('select', {});
    options.forEach(function (o) { s.appendChild(el('option', { value: o }, [o])); });
    if (initial !== undefined) { s.value = initial; }
    s.addEventListener('change', onChange);
    return { node: el('label', {}, [label + ' ', s]), select: s };
  }
  // a finding's numbers as findings.csv writes them: one decimal, ratios ('times') to 3 digits
  function findingNumber(row, unitCol, v) {
    if (typeof v !== 'number') { return fmt(v); }
    return row[unitCol] === 'times' ? fmt(Number(v.toPrecision(3))) : v.toFixed(1);
  }
  function fillTable(node, table, rowClass, format) {
    node.innerHTML = '';
    var head = el('tr', {}, table.columns.map(function (c) { return el('th', {}, [c]); }));
    node.appendChild(head);
    table.rows.forEach(function (r) {
      var tr = el('tr', rowClass ? { 'class': rowClass(r) } : {});
      r.forEach(function (v, k) {
        var c = table.columns[k];
        tr.appendChild(el('td', { 'class': (typeof v === 'number' ? '' : 'text ') + (c === 'verdict' ? 'verdict' : '') },
          [format ? format(r, c, v) : fmt(v)]));
      });
      node.appendChild(tr);
    });
  }
  // a round tick step that gives about five ticks over a span: 1, 2 or 5 times a power of 10
  function niceStep(span) {
    if (!(span > 0) || !isFinite(span)) { return 1; }
    var raw = span / 5, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function integers(rows, k) {
    return rows.length > 0 && rows.every(function (r) { return r[k] === null || (typeof r[k] === 'number' && Math.round(r[k]) === r[k]); });
  }
  function chart(id) {
    var c = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
    charts.push(c);
    return c;
  }

  // the verdicts first: the summary rows (over settings, over conventions), else every row
  function verdicts() {
    var t = R.findings, box = document.getElementById('verdicts');
    if (!t || !t.rows.length) { box.appendChild(el('p', {}, ['No finding could be computed.'])); return; }
    var c = function (n) { return col(t, n); };
    var rows = t.rows.filter(function (r) { return String(r[c('method')]).indexOf('summary of') === 0; });
    if (!rows.length) { rows = t.rows; }
    var list = el('ul', {});
    rows.forEach(function (r) {
      var num = function (v) { return findingNumber(r, c('unit'), v); };
      var interval = r[c('ci_low')] !== null && r[c('ci_low')] !== undefined ? ' [' + num(r[c('ci_low')]) + ', ' + num(r[c('ci_high')]) + ']' : '';
      var value = r[c('estimate')] === null ? '' : ': ' + (r[c('estimate')] > 0 ? '+' : '') + num(r[c('estimate')]) + interval + ' ' + r[c('unit')];
      list.appendChild(el('li', { 'class': String(r[c('verdict')]).replace(/ /g, '-') }, [
        el('b', {}, [r[c('finding')] + ' ']), r[c('statistic')] + ', ' + r[c('view')] + ', ' + r[c('setting')] + value + ' — ',
        el('span', { 'class': 'verdict' }, [String(r[c('verdict')])]),
        ' (' + r[c('settings')] + ' setting' + (r[c('settings')] === 1 ? '' : 's') + ', ' + r[c('seeds')] + ' seeds' + ')']));
    });
    box.appendChild(list);
  }

  function findings() {
    var t = R.findings, fi = col(t, 'finding'), vi = col(t, 'verdict'), ui = col(t, 'unit');
    var controls = document.getElementById('finding-controls');
    var f = select('finding', ['all'].concat(distinct(t.rows, fi).map(text)), draw);
    var v = select('verdict', ['all'].concat(distinct(t.rows, vi).map(text)), draw);
    controls.appendChild(f.node); controls.appendChild(v.node);
    function draw() {
      var rows = t.rows.filter(function (r) {
        return (f.select.value === 'all' || r[fi] === f.select.value) && (v.select.value === 'all' || r[vi] === v.select.value);
      });
      fillTable(document.getElementById('findings'), { columns: t.columns, rows: rows },
        function (r) { return String(r[vi]).replace(/ /g, '-'); },
        function (r, c, v) { return ['estimate', 'ci_low', 'ci_high'].indexOf(c) >= 0 ? findingNumber(r, ui, v) : fmt(v); });
      status.findings = rows.length;
    }
    draw();
  }

  function explore() {
    var sets = [{ name: 'accuracy by setting', table: R.summary }];
    if (R.gains && R.gains.rows.length) { sets.push({ name: 'gain by setting', table: R.gains }); }
    var controls = document.getElementById('explore-controls');
    var c = chart('explore');
    var state = { set: sets[0] };
    var setSel = select('table', sets.map(function (s) { return s.name; }), function () {
      state.set = sets.filter(function (s) { return s.name === setSel.select.value; })[0];
      build();
    });
    controls.appendChild(setSel.node);
    var inner = el('span', {});
    controls.appendChild(inner);
    function numeric(table, k) {
      return table.rows.length > 0 && table.rows.every(function (r) { return r[k] === null || typeof r[k] === 'number'; });
    }
    function build() {
      var t = state.set.table;
      inner.innerHTML = '';
      var keys = t.keys.filter(function (k) { return col(t, k) >= 0; });
      var xs = keys.filter(function (k) { return numeric(t, col(t, k)); });
      var ys = t.columns.filter(function (k) {
        return keys.indexOf(k) < 0 && SKIP_Y.indexOf(k) < 0 && numeric(t, col(t, k));
      });
      if (!xs.length || !ys.length) { c.clear(); return; }
      var x = select('x', xs, draw, xs.indexOf('interpolation') >= 0 ? 'interpolation' : xs[0]);
      var y = select('y', ys, draw, ys[0]);
      inner.appendChild(x.node); inner.appendChild(y.node);
      var filters = {};
      keys.forEach(function (k) {
        var values = distinct(t.rows, col(t, k));
        if (values.length > 1) {
          filters[k] = select(k, ['all'].concat(values.map(text)), draw);
          inner.appendChild(filters[k].node);
        }
      });
      function draw() {
        var xk = col(t, x.select.value), yk = col(t, y.select.value);
        var ci = CI[y.select.value];
        var lo = ci ? col(t, ci[0]) : -1, hi = ci ? col(t, ci[1]) : -1, ni = col(t, 'n');
        var rows = t.rows.filter(function (r) {
          return Object.keys(filters).every(function (k) {
            var s = filters[k].select.value;
            return s === 'all' || text(r[col(t, k)]) === s;
          }) && r[yk] !== null && r[xk] !== null;
        });
        var split = Object.keys(filters).filter(function (k) {
          return k !== x.select.value && filters[k].select.value === 'all' && distinct(rows, col(t, k)).length > 1;
        });
        var groups = {};
        rows.forEach(function (r) {
          var name = split.map(function (k) { return (k === 'family' ? '' : k + '=') + text(r[col(t, k)]); }).join(' ') || 'all';
          (groups[name] = groups[name] || []).push(r);
        });
        var series = [];
        Object.keys(groups).forEach(function (name) {
          var g = groups[name].slice().sort(function (a, b) { return a[xk] - b[xk]; });
          // joined only from 4 values of x on: a line between sparse values claims a course
          series.push({ name: name, type: 'line', symbolSize: 7,
            lineStyle: { opacity: distinct(g, xk).length >= 4 ? 1 : 0 },
            data: g.map(function (r) { return { value: [r[xk], r[yk]], lo: lo >= 0 ? r[lo] : null, hi: hi >= 0 ? r[hi] : null, n: ni >= 0 ? r[ni] : null }; }) });
          if (lo >= 0) {
            series.push({ name: name, type: 'custom', silent: true, z: 1,
              renderItem: function (params, api) {
                if (api.value(1) === null || isNaN(api.value(1))) { return null; }
                var a = api.coord([api.value(0), api.value(1)]), b = api.coord([api.value(0), api.value(2)]);
                return { type: 'group', children: [
                  { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: { stroke: api.visual('color'), lineWidth: 1.2 } },
                  { type: 'line', shape: { x1: a[0] - 4, y1: a[1], x2: a[0] + 4, y2: a[1] }, style: { stroke: api.visual('color') } },
                  { type: 'line', shape: { x1: b[0] - 4, y1: b[1], x2: b[0] + 4, y2: b[1] }, style: { stroke: api.visual('color') } }] };
              },
              encode: { x: 0, y: [1, 2] },
              data: g.filter(function (r) { return r[lo] !== null; }).map(function (r) { return [r[xk], r[lo], r[hi]]; }) });
          }
          status.points += g.length;
        });
        // the y axis covers the values and their intervals, on round ticks; chance or zero is
        // marked only where it falls inside (forcing it in would hide a 3-point effect)
        var ext = [];
        series.forEach(function (sr) {
          (sr.data || []).forEach(function (d) {
            if (Array.isArray(d)) { ext.push(d[1], d[2]); } else if (d && d.value) { ext.push(d.value[1]); }
          });
        });
        ext = ext.filter(function (v) { return v !== null && v !== undefined && !isNaN(v); });
        var yMin = Math.min.apply(null, ext), yMax = Math.max.apply(null, ext);
        var marks = [];
        if (y.select.value.indexOf('gain') >= 0) { yMin = Math.min(yMin, 0); yMax = Math.max(yMax, 0); }
        var pad = Math.max(0.5, (yMax - yMin) * 0.08);
        var step = niceStep(yMax - yMin + 2 * pad);
        yMin = Math.floor((yMin - pad) / step) * step;
        yMax = Math.ceil((yMax + pad) / step) * step;
        if (y.select.value.indexOf('pct') >= 0 && y.select.value.indexOf('gain') < 0) {
          yMin = Math.max(0, yMin); yMax = Math.min(100, yMax); // a percentage stays in [0, 100]
        }
        if (y.select.value.indexOf('accuracy') >= 0 && R.chance && R.chance >= yMin && R.chance <= yMax) {
          marks.push({ yAxis: R.chance, name: 'chance' });
        }
        if (y.select.value.indexOf('gain') >= 0) { marks.push({ yAxis: 0, name: 'no gain' }); }
        if (marks.length && series.length) {
          series[0].markLine = { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#888' },
            label: { formatter: '{b}', position: 'insideEndTop', color: '#555' }, data: marks };
        }
        c.setOption({
          animation: false,
          tooltip: { trigger: 'item', formatter: function (p) {
            var d = p.data;
            if (!d || !d.value) { return ''; }
            return p.seriesName + '<br>' + x.select.value + ' = ' + fmt(d.value[0]) + '<br>' + y.select.value + ' = ' + fmt(d.value[1]) +
              (d.lo !== null && d.lo !== undefined ? '<br>95% interval [' + fmt(d.lo) + ', ' + fmt(d.hi) + ']' : '') +
              (d.n !== null && d.n !== undefined ? '<br>n = ' + d.n : '');
          } },
          legend: { type: 'scroll', bottom: 0 },
          grid: { left: 60, right: 30, top: 20, bottom: 70 },
          xAxis: { type: 'value', name: x.select.value, nameLocation: 'middle', nameGap: 26, scale: true,
            minInterval: integers(rows, xk) ? 1 : 0 },
          yAxis: { type: 'value', name: y.select.value, nameLocation: 'middle', nameGap: 42,
            min: isFinite(yMin) ? yMin : null, max: isFinite(yMax) ? yMax : null, interval: isFinite(yMin) ? step : null },
          series: series
        }, true);
      }
      draw();
    }
    build();
    status.charts++;
  }

  function heatmap() {
    var t = R.gains;
    if (!t || col(t, 'precision') < 0 || col(t, 'error_probability') < 0 || !t.rows.length) {
      document.getElementById('heatmap-section').style.display = 'none';
      return;
    }
    var pi = col(t, 'precision'), ei = col(t, 'error_probability'), gi = col(t, 'gain_pts'), ci = col(t, 'at_chance');
    var usable = t.rows.filter(function (r) { return !r[ci] && r[gi] !== null; });
    var bound = Math.max(1, Math.ceil(Math.max.apply(null, usable.map(function (r) { return Math.abs(r[gi]); }).concat([0]))));
    var ps = distinct(t.rows, pi), eps = distinct(t.rows, ei);
    var others = t.keys.filter(function (k) { return k !== 'precision' && k !== 'error_probability' && distinct(t.rows, col(t, k)).length > 1; });
    var controls = document.getElementById('heatmap-controls');
    var filters = {};
    others.forEach(function (k) {
      var values = distinct(t.rows, col(t, k)).map(text);
      filters[k] = select(k, values, draw, values[0]);
      controls.appendChild(filters[k].node);
    });
    var c = chart('heatmap');
    function draw() {
      var rows = usable.filter(function (r) {
        return others.every(function (k) { return text(r[col(t, k)]) === filters[k].select.value; });
      });
      c.setOption({
        animation: false,
        tooltip: { formatter: function (p) { return 'p = ' + text(ps[p.value[1]]) + ', EP = ' + text(eps[p.value[0]]) + '<br>gain ' + fmt(p.value[2]) + ' pct points'; } },
        grid: { left: 70, right: 90, top: 20, bottom: 50 },
        xAxis: { type: 'category', name: 'error probability EP', nameLocation: 'middle', nameGap: 28, data: eps.map(text) },
        yAxis: { type: 'category', name: 'precision p', nameLocation: 'middle', nameGap: 45, data: ps.map(text) },
        visualMap: { min: -bound, max: bound, calculable: true, orient: 'vertical', right: 0, top: 'center',
          text: ['+' + bound, '-' + bound], inRange: { color: ['#b2182b', '#ffffff', '#2166ac'] } },
        series: [{ type: 'heatmap', label: { show: true, formatter: function (p) { return (p.value[2] > 0 ? '+' : '') + p.value[2].toFixed(1); } },
          data: rows.map(function (r) { return [eps.map(text).indexOf(text(r[ei])), ps.map(text).indexOf(text(r[pi])), r[gi]]; }) }]
      }, true);
    }
    draw();
    status.charts++;
  }

  function parallel() {
    var t = R.runs;
    if (!t || !t.rows.length) {
      document.getElementById('parallel-section').style.display = 'none';
      return;
    }
    var ai = col(t, 'accuracy_pct');
    var dims = t.keys.concat(['seed', 'accuracy_pct']);
    var axes = dims.map(function (k, d) {
      var i = col(t, k);
      var numeric = t.rows.every(function (r) { return typeof r[i] === 'number'; });
      var a = { dim: d, name: k };
      if (!numeric) { a.type = 'category'; a.data = distinct(t.rows, i).map(text); }
      // integer axes (seed, precision, depths) get integer ticks, not 1.5
      if (numeric && integers(t.rows, i)) { a.minInterval = 1; }
      return a;
    });
    var rows = t.rows.filter(function (r) { return r[ai] !== null; });
    var values = rows.map(function (r) { return r[ai]; });
    var c = chart('parallel');
    c.setOption({
      animation: false,
      parallelAxis: axes,
      parallel: { left: 60, right: 110, top: 40, bottom: 30 },
      visualMap: { type: 'continuous', dimension: dims.length - 1, min: Math.floor(Math.min.apply(null, values)),
        max: Math.ceil(Math.max.apply(null, values)), calculable: true, right: 0, top: 'center', text: ['accuracy %', ''],
        inRange: { color: ['#d73027', '#fee090', '#4575b4'] } },
      tooltip: { trigger: 'item' },
      series: [{ type: 'parallel', lineStyle: { width: 1.2, opacity: 0.6 },
        data: rows.map(function (r) { return dims.map(function (k, d) { var v = r[col(t, k)]; return axes[d].type === 'category' ? text(v) : v; }); }) }]
    });
    status.runs = rows.length;
    status.charts++;
  }

  function figures() {
    var box = document.getElementById('figures');
    (R.figures || []).forEach(function (name) {
      box.appendChild(el('div', { 'class': 'figure' }, [el('p', {}, [name + ' (', el('a', { href: name + '.svg' }, ['SVG']), ')']),
        el('img', { src: name + '.png', alt: name, onload: 'this.style.width = (this.naturalWidth / 2.5) + "px"' })]));
    });
  }

  try {
    document.getElementById('title').textContent = 'analogsweep report: ' + R.title;
    document.getElementById('completeness').textContent = R.completeness || '';
    if (typeof echarts === 'undefined') { throw new Error('echarts.min.js did not load'); }
    verdicts();
    findings();
    explore();
    heatmap();
    parallel();
    figures();
    fillTable(document.getElementById('summary'), R.summary);
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  } catch (e) {
    window.reportErrors.push(String(e && e.stack || e));
  }
  document.body.setAttribute('data-rendered', JSON.stringify(status));
  document.body.setAttribute('data-errors', JSON.stringify(window.reportErrors));
})();

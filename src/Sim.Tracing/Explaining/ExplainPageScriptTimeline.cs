namespace Sim.Tracing.Explaining;

/// <summary>
/// The third part of the explain page's script (see <see cref="ExplainPageScript"/>): the timeline, one lane per actor,
/// a mark per step placed by time (at least a few pixels after the one before), an arrow from actor to target, and
/// the cursor; <see cref="ExplainPageScriptView"/> moves the cursor and highlights the current mark.
/// </summary>
internal static class ExplainPageScriptTimeline
{
    /// <summary>The third part of the script: the timeline's geometry and its drawing.</summary>
    public const string Js = """
          // ---- timeline ----
          var W = 1000, LEFT = 160, RIGHT = 16, TOP = 18, LANE = 40, GAP = 7, LABEL_GAP = 90;
          var svg = $('timeline-svg');
          var NS = svg.namespaceURI;
          var H = TOP + Math.max(1, lanes.length) * LANE + 10;
          var marks = [];
          var arrows = [];
          var cursor = null;
          var xs = [];
          function svgEl(tag, attrs, cls) {
            var e = document.createElementNS(NS, tag);
            Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
            if (cls) e.setAttribute('class', cls);
            return e;
          }
          function laneY(name) { return TOP + lanes.indexOf(name) * LANE + LANE / 2; }
          function drawTimeline() {
            svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
            var tmin = 0, tmax = 0;
            if (n > 0) {
              tmin = steps[0].time; tmax = steps[0].time;
              steps.forEach(function (s) { tmin = Math.min(tmin, s.time); tmax = Math.max(tmax, s.time); });
            }
            var span = tmax - tmin;
            var width = W - LEFT - RIGHT;
            steps.forEach(function (s, i) {
              var x = LEFT + 8 + (span > 0 ? (s.time - tmin) / span * (width - 16) : 0);
              if (i > 0) x = Math.max(x, xs[i - 1] + GAP);
              xs.push(x);
            });
            if (n > 0 && xs[n - 1] > W - RIGHT - 8) {
              var scale = (width - 16) / (xs[n - 1] - LEFT - 8);
              xs = xs.map(function (x) { return LEFT + 8 + (x - LEFT - 8) * scale; });
            }
            lanes.forEach(function (name, i) {
              var y = TOP + i * LANE + LANE / 2;
              svg.appendChild(svgEl('line', { x1: LEFT, y1: y, x2: W - RIGHT, y2: y }, 'lane-line'));
              var label = svgEl('text', { x: LEFT - 8, y: y + 4, 'text-anchor': 'end' }, 'lane-label');
              label.textContent = name.length > 26 ? '\u2026' + name.slice(name.length - 25) : name;
              var title = svgEl('title', {});
              title.textContent = name;
              label.appendChild(title);
              svg.appendChild(label);
            });
            var axisY = H - 2;
            // Time labels under the steps, at least LABEL_GAP px apart (the axis is time to scale, except that marks
            // closer than GAP are pushed apart); the last step's time always, dropping a label that would touch it.
            var labelled = [];
            steps.forEach(function (s, i) {
              var last = labelled.length > 0 ? labelled[labelled.length - 1] : -1;
              if (last < 0 || (xs[i] - xs[last] >= LABEL_GAP && s.time !== steps[last].time)) labelled.push(i);
            });
            if (n > 1 && labelled[labelled.length - 1] !== n - 1 && steps[n - 1].time !== steps[labelled[labelled.length - 1]].time) {
              if (xs[n - 1] - xs[labelled[labelled.length - 1]] < LABEL_GAP && labelled.length > 1) labelled.pop();
              labelled.push(n - 1);
            }
            labelled.forEach(function (i, k) {
              var anchor = k === 0 ? 'start' : (i === n - 1 && labelled.length > 1 ? 'end' : 'middle');
              var x = anchor === 'start' ? Math.min(xs[i], LEFT) : anchor === 'end' ? Math.max(xs[i], W - RIGHT) : xs[i];
              var t = svgEl('text', { x: anchor === 'middle' ? xs[i] : x, y: axisY, 'text-anchor': anchor }, 'axis-label');
              t.textContent = fmtUs(steps[i].time);
              svg.appendChild(t);
            });
            // A quiet stretch longer than a quarter of the run is labelled with its length, midway, above the lanes' end.
            for (var g = 1; g < n; g++) {
              var quiet = steps[g].time - steps[g - 1].time;
              if (span > 0 && quiet > span / 4 && xs[g] - xs[g - 1] > LABEL_GAP) {
                var gl = svgEl('text', { x: (xs[g] + xs[g - 1]) / 2, y: TOP - 6, 'text-anchor': 'middle' }, 'gap-label');
                gl.textContent = 'nothing for ' + fmtUs(quiet);
                svg.appendChild(gl);
              }
            }
            cursor = svgEl('line', { x1: 0, y1: TOP, x2: 0, y2: TOP + lanes.length * LANE }, 'cursor');
            cursor.style.display = 'none';
            svg.appendChild(cursor);
            steps.forEach(function (s, i) {
              if (s.target === null || s.target === s.actor) { arrows.push(null); return; }
              var y1 = laneY(s.actor), y2 = laneY(s.target), dir = y2 > y1 ? 1 : -1, x = xs[i];
              var g = svgEl('g', { 'data-step': i }, 'arrow');
              g.appendChild(svgEl('line', { x1: x, y1: y1 + dir * 6, x2: x, y2: y2 - dir * 7 }));
              g.appendChild(svgEl('polygon', { points: x + ',' + (y2 - dir * 1) + ' ' + (x - 4) + ',' + (y2 - dir * 8) + ' ' + (x + 4) + ',' + (y2 - dir * 8) }));
              svg.appendChild(g);
              arrows.push(g);
            });
            steps.forEach(function (s, i) {
              var c = svgEl('circle', { cx: xs[i], cy: laneY(s.actor), r: 5.5, 'data-step': i }, 'mark k-' + safeClass(s.kind));
              var title = svgEl('title', {});
              title.textContent = 'step ' + (i + 1) + ', ' + fmtUs(s.time) + ', ' + s.actor + ': ' + s.text;
              c.appendChild(title);
              c.addEventListener('click', function () { go(i); });
              svg.appendChild(c);
              marks.push(c);
            });
          }

        """;
}

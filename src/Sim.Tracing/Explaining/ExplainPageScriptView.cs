namespace Sim.Tracing.Explaining;

/// <summary>
/// The fourth and last part of the explain page's script (see <see cref="ExplainPageScript"/>): the panels (narration,
/// counters, the step's writes, the memory regions, the window slot map), the current step on the timeline
/// <see cref="ExplainPageScriptTimeline"/> drew, and the controls (buttons, keys, time box); it ends the function
/// <see cref="ExplainPageScriptMemory"/> opened.
/// </summary>
internal static class ExplainPageScriptView
{
    /// <summary>The last part of the script, from the panels to the end.</summary>
    public const string Js = """
          // ---- panels ----
          function renderNarration() {
            var s = cur >= 0 ? steps[cur] : null;
            $('n-time').textContent = s ? fmtUs(s.time) : '\u2014';
            $('n-actor').textContent = s ? s.actor + (s.target !== null ? ' \u2192 ' + s.target : '') : '\u2014';
            $('n-kind').textContent = s ? s.kind : '\u2014';
            $('n-cost').textContent = s && s.cost !== null ? fmtNs(s.cost) : '\u2014';
            $('n-source').textContent = s && s.source !== null ? s.source : '\u2014';
            $('n-text').textContent = s ? s.text : 'This run has no steps.';
            var history = $('history');
            history.replaceChildren();
            for (var i = Math.max(0, cur - HISTORY); i < cur; i++) {
              var li = el('li', '', fmtUs(steps[i].time) + ' \u2014 ' + steps[i].actor + ': ' + steps[i].text);
              li.value = i + 1;
              history.appendChild(li);
            }
            if (history.childNodes.length === 0) history.appendChild(el('li', 'empty', cur > 0 ? '' : 'nothing yet'));
          }
          function renderCounters() {
            var body = $('counters').tBodies[0];
            body.replaceChildren();
            var counters = cur >= 0 ? steps[cur].counters : [];
            counters.forEach(function (c) {
              if (!Array.isArray(c)) return;
              var tr = el('tr');
              tr.appendChild(el('th', '', c[0]));
              var td = el('td', 'num', c[1]);
              td.setAttribute('data-counter', String(c[0]));
              var prev = cur > 0 ? steps[cur - 1].counters.filter(function (p) { return Array.isArray(p) && p[0] === c[0]; })[0] : null;
              if (prev ? prev[1] !== c[1] : c[1] !== 0) td.classList.add('changed');
              tr.appendChild(td);
              body.appendChild(tr);
            });
            if (body.rows.length === 0) {
              var tr = el('tr');
              tr.appendChild(el('td', 'empty', 'no counters'));
              body.appendChild(tr);
            }
          }
          function renderChanges() {
            var box = $('changes');
            box.replaceChildren();
            var changes = cur >= 0 ? steps[cur].changes : [];
            changes.forEach(function (c) {
              var r = regions[c.region];
              var name = r ? String(r.name) : 'region ' + c.region + ' (unknown)';
              box.appendChild(el('h4', 'change-head', name + ' @ ' + c.address + ' (' + c.bytes.length + (c.bytes.length === 1 ? ' byte)' : ' bytes)')));
              var shown = c.bytes.length > MAX_CHANGE_BYTES ? c.bytes.subarray(0, MAX_CHANGE_BYTES) : c.bytes;
              var dump = hexDump(shown, toBig(c.address), function () { return true; }, function () { return true; });
              box.appendChild(dump.pre);
              var more = c.bytes.length - shown.length;
              if (more > 0) box.appendChild(el('p', 'hidden-rows more-bytes', '\u2026 (' + more + (more === 1 ? ' more byte)' : ' more bytes)')));
            });
            if (changes.length === 0) box.appendChild(el('p', 'empty', 'This step wrote nothing to guest memory.'));
          }
          function renderMemory() {
            var mem = memoryAt(cur);
            var box = $('regions');
            box.replaceChildren();
            if (regions.length === 0) box.appendChild(el('p', 'empty', 'No memory regions.'));
            regions.forEach(function (r, ri) {
              var section = el('section', 'region');
              section.setAttribute('data-region', String(r.name));
              section.setAttribute('data-kind', String(r.kind));
              section.appendChild(el('h3', '', String(r.name)));
              section.appendChild(el('p', 'meta', String(r.kind) + ' at ' + String(r.start) + ', ' + r.length + ' bytes' + (r.queueSize > 0 ? ', queue size ' + r.queueSize : '')));
              if (mem.windows[ri]) {
                renderWindow(section, r, ri, mem.windows[ri]);
                box.appendChild(section);
                return;
              }
              var b = mem.bufs[ri], m = mem.masks[ri];
              var v = new View(section, b, m);
              v.iommu = mem.iommu[ri];
              v.touched = mem.touched[ri];
              var st = structOf(r);
              var decode = !st ? null : st.view === 'request-slots' ? iommuRequests : decodeStruct;
              var visible = function (row) { return anySet(b, 16 * row, 16) || anySet(m, 16 * row, 16); };
              var dump = hexDump(b, toBig(r.start), visible, function (i) { return m[i] === 1; });
              var note = dump.hidden > 0 ? el('p', 'hidden-rows', dump.hidden + ' rows of 16 bytes not shown (all zero and unchanged by this step)') : null;
              if (decode) {
                decode(v, r, st);
                var details = el('details', 'raw');
                details.appendChild(el('summary', '', 'bytes'));
                details.appendChild(dump.pre);
                if (note) details.appendChild(note);
                details.open = openRaw[ri] === true;
                details.addEventListener('toggle', function () { openRaw[ri] = details.open; });
                section.appendChild(details);
              } else {
                section.appendChild(el('p', 'meta', 'kind "' + String(r.kind) + '" is not decoded: bytes only'));
                section.appendChild(dump.pre);
                if (note) section.appendChild(note);
              }
              box.appendChild(section);
            });
          }
          // A bounce window: no bytes, a map of the slots written so far (and by this step), click one to peek into it.
          function renderWindow(section, r, ri, w) {
            var slotBytes = windowSlot(r);
            var total = Math.floor(windowLength(r) / slotBytes);
            var written = Object.keys(w.slots).map(Number).sort(function (a, b) { return a - b; });
            var summary = el('p', 'window-summary', written.length + ' of ' + total + ' slots written (' + (written.length * slotBytes / 1024) + ' KiB)');
            summary.setAttribute('data-field', 'window-summary');
            section.appendChild(summary);
            if (written.length === 0) {
              section.appendChild(el('p', 'empty', 'no slot written yet'));
              return;
            }
            var ranges = [];
            written.forEach(function (s) {
              var last = ranges.length > 0 ? ranges[ranges.length - 1] : null;
              if (last && last[1] === s - 1) last[1] = s; else ranges.push([s, s]);
            });
            var rangeText = ranges.slice(0, MAX_WINDOW_RANGES).map(function (g) { return g[0] === g[1] ? String(g[0]) : g[0] + '\u2013' + g[1]; }).join(', ');
            if (ranges.length > MAX_WINDOW_RANGES) rangeText += ', \u2026 (' + (ranges.length - MAX_WINDOW_RANGES) + ' more ranges)';
            var rangesP = el('p', 'meta', 'slots ' + rangeText);
            rangesP.setAttribute('data-field', 'window-ranges');
            section.appendChild(rangesP);

            var pick = written.filter(function (s) { return w.changed[s] === true; }).slice(0, MAX_WINDOW_CELLS);
            for (var i = 0; i < written.length && pick.length < MAX_WINDOW_CELLS; i++) if (w.changed[written[i]] !== true) pick.push(written[i]);
            pick.sort(function (a, b) { return a - b; });
            var grid = el('div', 'window-grid');
            var start = toBig(r.start);
            pick.forEach(function (s) {
              var cell = el('button', 'slot written', s);
              cell.type = 'button';
              cell.setAttribute('data-field', 'window-slot');
              cell.setAttribute('data-entry', String(s));
              cell.title = 'slot ' + s + ' at 0x' + (start + BigInt(s * slotBytes)).toString(16);
              if (w.changed[s] === true) cell.classList.add('changed');
              if (openSlot[ri] === s) cell.classList.add('open');
              cell.addEventListener('click', function () { openSlot[ri] = openSlot[ri] === s ? undefined : s; renderMemory(); });
              grid.appendChild(cell);
            });
            section.appendChild(grid);
            if (written.length > pick.length) section.appendChild(el('p', 'hidden-rows', (written.length - pick.length) + ' written slots not shown in the map'));
            var open = openSlot[ri];
            if (typeof open === 'number' && w.slots[open]) {
              section.appendChild(el('h4', 'slot-head', 'slot ' + open + ', first ' + SLOT_PEEK + ' bytes'));
              var peek = hexDump(w.slots[open].subarray(0, SLOT_PEEK), start + BigInt(open * slotBytes), function () { return true; }, function () { return false; });
              peek.pre.setAttribute('data-field', 'window-slot-bytes');
              peek.pre.setAttribute('data-entry', String(open));
              section.appendChild(peek.pre);
            }
          }
          function renderTimeline() {
            marks.forEach(function (c, i) {
              c.classList.toggle('current', i === cur);
              c.classList.toggle('future', i > cur);
            });
            arrows.forEach(function (g, i) { if (g) g.classList.toggle('current', i === cur); });
            if (cur >= 0) {
              cursor.setAttribute('x1', String(xs[cur]));
              cursor.setAttribute('x2', String(xs[cur]));
              cursor.style.display = '';
            }
          }
          function render() {
            $('step-label').textContent = n > 0 ? 'step ' + (cur + 1) + ' of ' + n + ', t = ' + fmtUs(steps[cur].time) : 'step 0 of 0 (no steps)';
            $('step-link').setAttribute('href', '#step=' + (cur + 1));
            $('step-link').style.display = n > 0 ? '' : 'none';
            $('first').disabled = $('prev').disabled = cur <= 0;
            $('last').disabled = $('next').disabled = cur >= n - 1;
            $('go').disabled = n === 0;
            renderTimeline();
            renderNarration();
            renderCounters();
            renderChanges();
            renderMemory();
          }
          function go(i) {
            if (n === 0) return;
            cur = Math.max(0, Math.min(n - 1, i));
            render();
            // The address names the step, so that it can be copied or bookmarked; replaced, not pushed: Back leaves the page.
            try { history.replaceState(null, '', '#step=' + (cur + 1)); } catch (e) { /* a sandboxed frame: no address to update */ }
          }
          // The step named by the address (#step=N, from 1); -1 when it names none.
          function stepInAddress() {
            var m = /^#step=(\d+)$/.exec(location.hash);
            return m && n > 0 ? Math.max(0, Math.min(n - 1, parseInt(m[1], 10) - 1)) : -1;
          }
          // Without one: the first step that writes guest memory (the steps before it change nothing one can see).
          function openingStep() {
            var named = stepInAddress();
            if (named >= 0) return named;
            for (var i = 0; i < n; i++) if (steps[i].changes.length > 0) return i;
            return 0;
          }
          window.addEventListener('hashchange', function () { var i = stepInAddress(); if (i >= 0 && i !== cur) go(i); });
          function jump() {
            var us = parseFloat($('jump').value);
            if (!isFinite(us) || n === 0) return;
            var ps = us * 1e6;
            var target = 0;
            for (var i = 0; i < n; i++) if (steps[i].time <= ps + 0.5) target = i;
            go(target);
          }

          $('first').addEventListener('click', function () { go(0); });
          $('prev').addEventListener('click', function () { go(cur - 1); });
          $('next').addEventListener('click', function () { go(cur + 1); });
          $('last').addEventListener('click', function () { go(n - 1); });
          $('go').addEventListener('click', jump);
          document.addEventListener('keydown', function (e) {
            if (e.altKey || e.ctrlKey || e.metaKey) return;
            var t = e.target;
            if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) {
              if (t.id === 'jump' && e.key === 'Enter') { e.preventDefault(); jump(); }
              return;
            }
            switch (e.key) {
              case 'ArrowRight': case 'n': go(cur + 1); break;
              case 'ArrowLeft': case 'p': go(cur - 1); break;
              case 'Home': go(0); break;
              case 'End': go(n - 1); break;
              default: return;
            }
            e.preventDefault();
          });

          drawTimeline();
          if (n > 0) cur = openingStep();
          render();
        })();

        """;
}

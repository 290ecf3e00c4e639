namespace Sim.Tracing.Explaining;

/// <summary>
/// The second part of the explain page's script (see <see cref="ExplainPageScript"/>): the decoders that turn a region's
/// bytes into tables (descriptors, rings, event structures, grant entries, virtio-iommu requests and mappings, device
/// request, response and event buffers, big-endian fields included) with
/// what the step changed highlighted, and the hex dump.
/// </summary>
internal static class ExplainPageScriptDecoders
{
    /// <summary>The second part of the script: the region decoders and the hex dump.</summary>
    public const string Js = """
          // A view of one region: cells know which bytes they show, so what the step changed is highlighted.
          function View(container, b, m) { this.container = container; this.b = b; this.m = m; }
          View.prototype.cell = function (tr, text, field, entry, off, size, num) {
            var td = el('td', num ? 'num' : '', text);
            if (field) td.setAttribute('data-field', field);
            if (entry !== null && entry !== undefined) td.setAttribute('data-entry', String(entry));
            if (size > 0 && anySet(this.m, off, size)) { td.classList.add('changed'); tr.classList.add('changed'); }
            tr.appendChild(td);
            return td;
          };
          View.prototype.fields = function (rows) {
            var table = el('table', 'fields');
            var body = el('tbody');
            var self = this;
            rows.forEach(function (r) {
              var tr = el('tr');
              tr.appendChild(el('th', '', r.label));
              self.cell(tr, r.text, r.field, null, r.off, r.size, true);
              body.appendChild(tr);
            });
            table.appendChild(body);
            this.container.appendChild(table);
          };
          View.prototype.entries = function (caption, headers, count, visible, row, why) {
            var table = el('table', 'entries');
            table.appendChild(el('caption', '', caption));
            var head = el('thead');
            var htr = el('tr');
            headers.forEach(function (h) { htr.appendChild(el('th', '', h)); });
            head.appendChild(htr);
            table.appendChild(head);
            var body = el('tbody');
            var hidden = 0;
            var shown = 0;
            for (var i = 0; i < count; i++) {
              if (!visible(i) || shown >= MAX_HEX_ROWS) { hidden++; continue; }
              var tr = el('tr');
              tr.setAttribute('data-entry', String(i));
              tr.appendChild(el('th', 'num', i));
              row(tr, i);
              body.appendChild(tr);
              shown++;
            }
            table.appendChild(body);
            this.container.appendChild(table);
            if (hidden > 0) this.container.appendChild(el('p', 'hidden-rows', hidden + ' of ' + count + ' entries not shown (' + (why || 'all zero and unchanged by this step') + ')'));
          };
          View.prototype.sparse = function (count, stride, off0) {
            var self = this;
            if (count <= SHOW_ALL_ROWS) return function () { return true; };
            return function (i) { var o = off0 + i * stride; return anySet(self.b, o, stride) || anySet(self.m, o, stride); };
          };

          function recentSlots(idx, count) {
            var slots = {};
            if (count <= 0 || idx === 0) return slots;
            for (var k = 0; k < Math.min(count, RECENT_RING); k++) slots[((idx - 1 - k) & 0xffff) % count] = true;
            return slots;
          }

          // One decoder for every described structure: its fields (bit ranges and named values spelled out), then its
          // entries, then its trailer; where everything lies and how it is named comes from the layout description.
          // A field may take its value names from a sibling's value (valuesBy: an input event's code is named by its
          // type), and a request type may name the structure of the rest of the request (struct: its fields follow).
          function valueSet(b, st, f, base) {
            if (!f.valuesBy) return f.values ? flagsets[f.values] : null;
            var by = fieldOf(st, f.valuesBy), set = by && by.values ? flagsets[by.values] : null;
            var v = by ? readField(b, base + by.offset, by) : -1;
            var p = (set && Array.isArray(set.flags) ? set.flags : []).filter(function (x) { return x.value === v && x.name !== undefined; })[0];
            return p && p.values ? flagsets[p.values] : null;
          }
          function fieldText(b, st, f, base) {
            var o = base + f.offset;
            if (f.type === 'bytes') {
              var n = typeof f.size === 'number' ? f.size : Math.max(0, b.length - o), shown = '';
              for (var i = 0; i < Math.min(n, 8); i++) shown += hex(u8(b, o + i), 2);
              return n === 0 ? '' : !anySet(b, o, n) ? '0 \u00d7 ' + n : shown + (n > 8 ? '\u2026 (' + n + ' bytes)' : '');
            }
            var val = readField(b, o, f), set = valueSet(b, st, f, base);
            if (f.flags) return flagsText(val, flagsets[f.flags]);
            if (set) return valueName(val, set);
            if (f.signed && val >= Math.pow(2, 8 * width(f) - 1)) return val - Math.pow(2, 8 * width(f));
            return f.hex ? '0x' + val.toString(16) : val;
          }
          function fieldRows(rows, b, f, base, st) {
            var val = readField(b, base + f.offset, f);
            if (Array.isArray(f.bits) && f.bits.length > 0) {
              f.bits.forEach(function (bit) {
                var bv = Math.floor(val / Math.pow(2, bit.shift)) % Math.pow(2, bit.width);
                rows.push({ label: bit.name, text: bit.hex ? '0x' + bv.toString(16) : bv, field: bit.cell || bit.name, off: base + f.offset, size: width(f) });
              });
              return;
            }
            var size = f.type !== 'bytes' ? width(f) : typeof f.size === 'number' ? f.size : Math.max(0, b.length - base - f.offset);
            rows.push({ label: f.name, text: fieldText(b, st, f, base), field: f.cell || f.name, off: base + f.offset, size: size });
          }
          // The structure a request's type names (a PCM_SET_PARAMS request's struct virtio_snd_pcm_set_params), or null.
          function typedStruct(b, st) {
            var found = null;
            (st.fields || []).forEach(function (f) {
              var set = f.values ? flagsets[f.values] : null, v = readField(b, f.offset, f);
              var p = (set && Array.isArray(set.flags) ? set.flags : []).filter(function (x) { return x.value === v && x.struct; })[0];
              if (!found && p && structs[p.struct]) found = structs[p.struct];
            });
            return found;
          }
          function entryCell(v, tr, f, o, i, ent) {
            var text = f.type === 'u64' ? '0x' + readField(v.b, o + f.offset, f).toString(16) : fieldText(v.b, ent, f, o);
            var size = f.type === 'bytes' ? f.size || 0 : width(f);
            v.cell(tr, text, f.cell || f.name, i, o + f.offset, size, f.type !== 'u64' && f.type !== 'bytes' && !f.flags && !f.values && !f.valuesBy);
          }
          function decodeStruct(v, r, st) {
            var b = v.b, e = st.entries, ent = entryOf(st), rows = [];
            (st.fields || []).forEach(function (f) { fieldRows(rows, b, f, 0, st); });
            var typed = typedStruct(b, st);
            if (typed) {
              var shown = (st.fields || []).map(function (f) { return f.offset; });
              (typed.fields || []).forEach(function (f) { if (shown.indexOf(f.offset) < 0 && f.offset + width(f) <= b.length) fieldRows(rows, b, f, 0, typed); });
            }
            if (!ent) { if (rows.length > 0) v.fields(rows); return; }
            var head = e.offset || 0, stride = ent.size;
            var trailer = st.trailer ? st.trailer.fields : [];
            var tail = trailer.reduce(function (n, f) { return Math.max(n, f.offset + width(f)); }, 0);
            var count = typeof r.queueSize === 'number' && r.queueSize > 0 ? r.queueSize : Math.max(0, Math.floor((b.length - head - tail) / stride));
            trailer.forEach(function (f) { if (head + stride * count + f.offset + width(f) <= b.length) fieldRows(rows, b, f, head + stride * count, st); });
            if (rows.length > 0) v.fields(rows);
            var fit = Math.min(count, Math.max(0, Math.floor((b.length - head) / stride)));
            var sparse = v.sparse(fit, stride, head);
            var recent = e.rows === 'recent' ? recentSlots(readField(b, fieldOf(st, 'idx').offset, fieldOf(st, 'idx')), count) : {};
            // 'written': a buffer the run has not written yet is not shown (an all-zero input event is a SYN_REPORT).
            var visible = e.rows === 'non-zero'
              ? function (i) { return anySet(b, head + stride * i, stride) || anySet(v.m, head + stride * i, stride); }
              : e.rows === 'written' ? function (i) { return anySet(v.touched || v.m, head + stride * i, stride); }
              : function (i) { return recent[i] || sparse(i); };
            v.entries(e.caption, [e.indexLabel].concat(ent.fields.map(function (f) { return f.name; })), fit, visible, function (tr, i) {
              ent.fields.forEach(function (f) { entryCell(v, tr, f, head + stride * i, i, ent); });
            }, e.rows === 'written' ? 'not written yet' : null);
          }
          function iommuRange(start, end) { return '[0x' + start.toString(16) + ', 0x' + end.toString(16) + ']'; }
          // Where the status byte is and what it reads: the fixed tail when the device wrote it; else the last tail's bytes
          // the device wrote (a PROBE's properties then tail); else "written"; a non-zero byte at the fixed tail
          // written together with the request is shown too.
          function iommuStatus(b, o, req, dev, st) {
            var tf = req ? fieldOf(req.st, 'tail') : null, tail = tf ? tf.offset : 0;
            var ts = structs[st.tail], status = fieldOf(ts, 'status'), size = width(status);
            var name = function (at) { return valueName(readField(b, at + status.offset, status), flagsets[status.values]); };
            if (dev && tail > 0 && dev.start <= tail && tail < dev.end) return { text: name(o + tail), off: o + tail + status.offset, size: size };
            if (dev && dev.end - dev.start >= ts.size) return { text: name(o + dev.end - ts.size), off: o + dev.end - ts.size + status.offset, size: size };
            if (dev) return { text: 'written', off: o + dev.start, size: dev.end - dev.start };
            if (tail > 0 && readField(b, o + tail + status.offset, status)) return { text: name(o + tail), off: o + tail + status.offset, size: size };
            return { text: '', off: o + tail, size: 0 };
          }
          function iommuRequests(v, r, st) {
            var b = v.b, slot = entryOf(st).size, typeAt = entryOf(st).fields[0].offset;
            var io = v.iommu || { device: {}, mappings: [] };
            var count = Math.floor(b.length / slot);
            var headers = ['slot', 'type', 'domain', 'endpoint', 'IOVA range', 'GPA', 'flags', 'status'];
            v.entries('requests (non-zero or changed slots)', headers, count, function (i) {
              return anySet(b, i * slot, slot) || anySet(v.m, i * slot, slot);
            }, function (tr, i) {
              var o = i * slot;
              var type = u8(b, o + typeAt);
              var req = iommuRequestOf(st, type);
              var f = function (name) { return req ? fieldOf(req.st, name) : null; };
              v.cell(tr, req ? req.name : 'type ' + type, 'iommu-type', i, o + typeAt, width(entryOf(st).fields[0]), false);
              var dom = f('domain'), ep = f('endpoint'), vs = f('virt_start'), ve = f('virt_end'), gpa = f('phys_start'), fl = f('flags');
              v.cell(tr, dom ? u32(b, o + dom.offset) : '', 'iommu-domain', i, o + (dom ? dom.offset : 0), dom ? width(dom) : 0, true);
              v.cell(tr, ep ? u32(b, o + ep.offset) : '', 'iommu-endpoint', i, o + (ep ? ep.offset : 0), ep ? width(ep) : 0, true);
              v.cell(tr, vs ? iommuRange(u64(b, o + vs.offset), u64(b, o + ve.offset)) : '', 'iommu-iova', i, o + (vs ? vs.offset : 0), vs ? width(vs) + width(ve) : 0, false);
              v.cell(tr, gpa ? u64hex(b, o + gpa.offset) : '', 'iommu-gpa', i, o + (gpa ? gpa.offset : 0), gpa ? width(gpa) : 0, false);
              v.cell(tr, fl ? flagsText(u32(b, o + fl.offset), flagsets[fl.flags]) : '', 'iommu-flags', i, o + (fl ? fl.offset : 0), fl ? width(fl) : 0, false);
              var status = iommuStatus(b, o, req, Object.prototype.hasOwnProperty.call(io.device, i) ? io.device[i] : null, st);
              v.cell(tr, status.text, 'iommu-status', i, status.off, status.size, false);
            });
            iommuMappings(v, io.mappings, st);
          }
          function iommuMappings(v, list, st) {
            var mapFlags = flagsets[fieldOf(iommuRequestAdding(st), 'flags').flags];
            var sorted = list.slice().sort(function (x, y) {
              if (x.domain !== y.domain) return x.domain - y.domain;
              if (x.start !== y.start) return x.start < y.start ? -1 : 1;
              return x.end < y.end ? -1 : x.end > y.end ? 1 : 0;
            });
            v.container.appendChild(el('h4', 'mappings-head', 'IOMMU mappings (as the guest asked for them)'));
            var table = el('table', 'mappings');
            table.setAttribute('data-view', 'iommu-mappings');
            table.appendChild(el('caption', '', 'Replayed from the MAP and UNMAP requests up to this step. The device may still reach unmapped pages until the IOTLB is flushed (lazy invalidation): the counters show stale pages.'));
            var head = el('thead');
            var htr = el('tr');
            ['#', 'domain', 'IOVA range', 'GPA', 'flags'].forEach(function (h) { htr.appendChild(el('th', '', h)); });
            head.appendChild(htr);
            table.appendChild(head);
            var body = el('tbody');
            sorted.forEach(function (mp, i) {
              if (i >= MAX_HEX_ROWS) return;
              var tr = el('tr', mp.step === cur ? 'changed' : '');
              tr.setAttribute('data-field', 'mapping');
              tr.setAttribute('data-entry', String(i));
              tr.appendChild(el('th', 'num', i));
              [[mp.domain, 'mapping-domain', 'num'], [iommuRange(mp.start, mp.end), 'mapping-iova', ''],
                ['0x' + mp.gpa.toString(16), 'mapping-gpa', ''], [flagsText(mp.flags, mapFlags), 'mapping-flags', '']].forEach(function (c) {
                var td = el('td', c[2], c[0]);
                td.setAttribute('data-field', c[1]);
                tr.appendChild(td);
              });
              body.appendChild(tr);
            });
            if (sorted.length === 0) {
              var tr = el('tr');
              var td = el('td', 'empty', 'no mapping');
              td.colSpan = 5;
              tr.appendChild(td);
              body.appendChild(tr);
            }
            table.appendChild(body);
            v.container.appendChild(table);
            if (sorted.length > MAX_HEX_ROWS) v.container.appendChild(el('p', 'hidden-rows', (sorted.length - MAX_HEX_ROWS) + ' more mappings not shown'));
          }
          function iommuRequestAdding(st) {
            var set = flagsets[entryOf(st).fields[0].values] || { flags: [] };
            return structs[set.flags.filter(function (x) { return x.mapping === 'add'; })[0].struct];
          }

          // Hex rows of 16 bytes from `start` (a BigInt address); `mark(i)` says whether byte i is highlighted.
          function hexDump(bytes, start, rowVisible, mark) {
            var pre = el('pre', 'hex');
            var rows = Math.ceil(bytes.length / 16);
            var shown = 0;
            var hidden = 0;
            for (var r = 0; r < rows; r++) {
              if (!rowVisible(r) || shown >= MAX_HEX_ROWS) { hidden++; continue; }
              if (shown > 0) pre.appendChild(document.createTextNode('\n'));
              pre.appendChild(document.createTextNode(hex(start + BigInt(16 * r), 8) + ' '));
              for (var i = 16 * r; i < Math.min(bytes.length, 16 * r + 16); i++) {
                var text = ' ' + hex(bytes[i], 2);
                if (mark(i)) pre.appendChild(el('span', 'changed', text)); else pre.appendChild(document.createTextNode(text));
              }
              shown++;
            }
            if (shown === 0) pre.appendChild(el('span', 'empty', 'all zero'));
            return { pre: pre, hidden: hidden };
          }

        """;
}

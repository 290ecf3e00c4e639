namespace Sim.Tracing.Explaining;

/// <summary>
/// The second part of the explain page's script (see <see cref="ExplainPageScript"/>): the decoders that turn a region's
/// bytes into tables (descriptors, rings, event structures, grant entries, virtio-iommu requests and mappings) with
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
          View.prototype.entries = function (caption, headers, count, visible, row) {
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
            if (hidden > 0) this.container.appendChild(el('p', 'hidden-rows', hidden + ' of ' + count + ' entries not shown (all zero and unchanged by this step)'));
          };
          View.prototype.sparse = function (count, stride, off0) {
            var self = this;
            if (count <= SHOW_ALL_ROWS) return function () { return true; };
            return function (i) { var o = off0 + i * stride; return anySet(self.b, o, stride) || anySet(self.m, o, stride); };
          };

          function entriesOf(r, b, stride, head) {
            var fit = Math.max(0, Math.floor((b.length - head) / stride));
            var q = typeof r.queueSize === 'number' && r.queueSize > 0 ? r.queueSize : fit;
            return Math.min(q, fit);
          }
          function recentSlots(idx, count) {
            var slots = {};
            if (count <= 0 || idx === 0) return slots;
            for (var k = 0; k < Math.min(count, RECENT_RING); k++) slots[((idx - 1 - k) & 0xffff) % count] = true;
            return slots;
          }

          var decoders = {
            'split-desc': function (v, r) {
              var b = v.b;
              var count = entriesOf(r, b, 16, 0);
              v.entries('descriptor table', ['#', 'addr', 'len', 'flags', 'next'], count, v.sparse(count, 16, 0), function (tr, i) {
                var o = 16 * i;
                v.cell(tr, u64hex(b, o), 'desc-addr', i, o, 8, false);
                v.cell(tr, u32(b, o + 8), 'desc-len', i, o + 8, 4, true);
                v.cell(tr, flagsText(u16(b, o + 12), SPLIT_FLAGS), 'desc-flags', i, o + 12, 2, false);
                v.cell(tr, u16(b, o + 14), 'desc-next', i, o + 14, 2, true);
              });
            },
            'split-avail': function (v, r) {
              var b = v.b;
              var count = typeof r.queueSize === 'number' && r.queueSize > 0 ? r.queueSize : Math.max(0, Math.floor((b.length - 6) / 2));
              var idx = u16(b, 2);
              var rows = [
                { label: 'flags', text: flagsText(u16(b, 0), [[1, 'NO_INTERRUPT']]), field: 'flags', off: 0, size: 2 },
                { label: 'idx', text: idx, field: 'idx', off: 2, size: 2 }
              ];
              if (4 + 2 * count + 2 <= b.length) rows.push({ label: 'used_event', text: u16(b, 4 + 2 * count), field: 'used-event', off: 4 + 2 * count, size: 2 });
              v.fields(rows);
              var fit = Math.min(count, Math.max(0, Math.floor((b.length - 4) / 2)));
              var recent = recentSlots(idx, count);
              var sparse = v.sparse(fit, 2, 4);
              v.entries('ring', ['slot', 'descriptor'], fit, function (i) { return recent[i] || sparse(i); }, function (tr, i) {
                v.cell(tr, u16(b, 4 + 2 * i), 'avail-ring', i, 4 + 2 * i, 2, true);
              });
            },
            'split-used': function (v, r) {
              var b = v.b;
              var count = typeof r.queueSize === 'number' && r.queueSize > 0 ? r.queueSize : Math.max(0, Math.floor((b.length - 6) / 8));
              var idx = u16(b, 2);
              var rows = [
                { label: 'flags', text: flagsText(u16(b, 0), [[1, 'NO_NOTIFY']]), field: 'flags', off: 0, size: 2 },
                { label: 'idx', text: idx, field: 'idx', off: 2, size: 2 }
              ];
              if (4 + 8 * count + 2 <= b.length) rows.push({ label: 'avail_event', text: u16(b, 4 + 8 * count), field: 'avail-event', off: 4 + 8 * count, size: 2 });
              v.fields(rows);
              var fit = Math.min(count, Math.max(0, Math.floor((b.length - 4) / 8)));
              var recent = recentSlots(idx, count);
              var sparse = v.sparse(fit, 8, 4);
              v.entries('ring', ['slot', 'id', 'len'], fit, function (i) { return recent[i] || sparse(i); }, function (tr, i) {
                var o = 4 + 8 * i;
                v.cell(tr, u32(b, o), 'used-id', i, o, 4, true);
                v.cell(tr, u32(b, o + 4), 'used-len', i, o + 4, 4, true);
              });
            },
            'packed-desc': function (v, r) {
              var b = v.b;
              var count = entriesOf(r, b, 16, 0);
              v.entries('descriptor ring', ['#', 'addr', 'len', 'id', 'flags'], count, v.sparse(count, 16, 0), function (tr, i) {
                var o = 16 * i;
                v.cell(tr, u64hex(b, o), 'desc-addr', i, o, 8, false);
                v.cell(tr, u32(b, o + 8), 'desc-len', i, o + 8, 4, true);
                v.cell(tr, u16(b, o + 12), 'desc-id', i, o + 12, 2, true);
                v.cell(tr, flagsText(u16(b, o + 14), PACKED_FLAGS), 'desc-flags', i, o + 14, 2, false);
              });
            },
            'packed-driver-event': function (v) { packedEvent(v); },
            'packed-device-event': function (v) { packedEvent(v); },
            'iommu-requests': function (v, r) { iommuRequests(v, r); },
            'grant-table': function (v, r) {
              var b = v.b;
              var count = entriesOf(r, b, 8, 0);
              v.entries('grant entries (non-zero only)', ['ref', 'flags', 'domid', 'frame'], count, function (i) {
                return anySet(b, 8 * i, 8) || anySet(v.m, 8 * i, 8);
              }, function (tr, i) {
                var o = 8 * i;
                v.cell(tr, grantFlags(u16(b, o)), 'grant-flags', i, o, 2, false);
                v.cell(tr, u16(b, o + 2), 'grant-domid', i, o + 2, 2, true);
                v.cell(tr, '0x' + u32(b, o + 4).toString(16), 'grant-frame', i, o + 4, 4, true);
              });
            }
          };
          var IOMMU_TYPES = ['', 'ATTACH', 'DETACH', 'MAP', 'UNMAP', 'PROBE'];
          var IOMMU_TAILS = [0, 20, 20, 36, 28, 0];
          var IOMMU_STATUS = ['OK', 'IOERR', 'UNSUPP', 'DEVERR', 'INVAL', 'RANGE', 'NOENT', 'FAULT', 'NOMEM'];
          var IOMMU_MAP_FLAGS = [[1, 'READ'], [2, 'WRITE'], [4, 'MMIO']];
          function iommuStatusName(s) { return s < IOMMU_STATUS.length ? IOMMU_STATUS[s] : String(s); }
          function iommuRange(start, end) { return '[0x' + start.toString(16) + ', 0x' + end.toString(16) + ']'; }
          // Where the status byte is and what it reads: the fixed tail when the device wrote it; else the last 4 bytes
          // the device wrote (a PROBE's properties then tail); else "written"; a non-zero byte at the fixed tail
          // written together with the request is shown too.
          function iommuStatus(b, o, type, dev) {
            var tail = type < IOMMU_TAILS.length ? IOMMU_TAILS[type] : 0;
            if (dev && tail > 0 && dev.start <= tail && tail < dev.end) return { text: iommuStatusName(u8(b, o + tail)), off: o + tail, size: 1 };
            if (dev && dev.end - dev.start >= 4) return { text: iommuStatusName(u8(b, o + dev.end - 4)), off: o + dev.end - 4, size: 1 };
            if (dev) return { text: 'written', off: o + dev.start, size: dev.end - dev.start };
            if (tail > 0 && u8(b, o + tail)) return { text: iommuStatusName(u8(b, o + tail)), off: o + tail, size: 1 };
            return { text: '', off: o + tail, size: 0 };
          }
          function iommuRequests(v, r) {
            var b = v.b;
            var io = v.iommu || { device: {}, mappings: [] };
            var count = Math.floor(b.length / IOMMU_SLOT);
            var headers = ['slot', 'type', 'domain', 'endpoint', 'IOVA range', 'GPA', 'flags', 'status'];
            v.entries('requests (non-zero or changed slots)', headers, count, function (i) {
              return anySet(b, i * IOMMU_SLOT, IOMMU_SLOT) || anySet(v.m, i * IOMMU_SLOT, IOMMU_SLOT);
            }, function (tr, i) {
              var o = i * IOMMU_SLOT;
              var type = u8(b, o);
              var known = type > 0 && type < IOMMU_TYPES.length;
              v.cell(tr, known ? IOMMU_TYPES[type] : 'type ' + type, 'iommu-type', i, o, 1, false);
              var hasDomain = type >= 1 && type <= 4, hasEndpoint = type === 1 || type === 2 || type === 5, hasRange = type === 3 || type === 4;
              v.cell(tr, hasDomain ? u32(b, o + 4) : '', 'iommu-domain', i, o + 4, hasDomain ? 4 : 0, true);
              var ep = type === 5 ? o + 4 : o + 8;
              v.cell(tr, hasEndpoint ? u32(b, ep) : '', 'iommu-endpoint', i, ep, hasEndpoint ? 4 : 0, true);
              v.cell(tr, hasRange ? iommuRange(u64(b, o + 8), u64(b, o + 16)) : '', 'iommu-iova', i, o + 8, hasRange ? 16 : 0, false);
              v.cell(tr, type === 3 ? u64hex(b, o + 24) : '', 'iommu-gpa', i, o + 24, type === 3 ? 8 : 0, false);
              var flags = type === 3 ? flagsText(u32(b, o + 32), IOMMU_MAP_FLAGS) : type === 1 ? flagsText(u32(b, o + 12), [[1, 'BYPASS']]) : '';
              v.cell(tr, flags, 'iommu-flags', i, type === 3 ? o + 32 : o + 12, type === 3 || type === 1 ? 4 : 0, false);
              var st = iommuStatus(b, o, type, Object.prototype.hasOwnProperty.call(io.device, i) ? io.device[i] : null);
              v.cell(tr, st.text, 'iommu-status', i, st.off, st.size, false);
            });
            iommuMappings(v, io.mappings);
          }
          function iommuMappings(v, list) {
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
                ['0x' + mp.gpa.toString(16), 'mapping-gpa', ''], [flagsText(mp.flags, IOMMU_MAP_FLAGS), 'mapping-flags', '']].forEach(function (c) {
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
          function packedEvent(v) {
            var b = v.b;
            var desc = u16(b, 0);
            var flags = u16(b, 2);
            var names = ['ENABLE', 'DISABLE', 'DESC'];
            v.fields([
              { label: 'offset', text: desc & 0x7fff, field: 'event-offset', off: 0, size: 2 },
              { label: 'wrap', text: desc >> 15, field: 'event-wrap', off: 0, size: 2 },
              { label: 'flags', text: flags < names.length ? names[flags] : String(flags), field: 'flags', off: 2, size: 2 }
            ]);
          }
          function grantFlags(f) {
            if (f === 0) return '0';
            var type = f & 3;
            var parts = [['invalid', 'permit_access', 'accept_transfer', 'transitive'][type]];
            var names = type === 2
              ? [[4, 'transfer_committed'], [8, 'transfer_completed']]
              : [[4, 'readonly'], [8, 'reading'], [16, 'writing'], [32, 'PWT'], [64, 'PCD'], [128, 'PAT']];
            var rest = f & ~3;
            names.forEach(function (p) { if (f & p[0]) { parts.push(p[1]); rest &= ~p[0]; } });
            if (rest) parts.push('0x' + rest.toString(16));
            return parts.join('|');
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

namespace Sim.Tracing.Explaining;

/// <summary>
/// The explain page's one inline script. It reads the JSON of <c>#explain-data</c> (<see cref="ExplainPageData"/>),
/// draws the timeline (<c>svg#timeline-svg</c>: one lane per actor, a <c>circle.mark[data-step]</c> per step placed by
/// time, at least a few pixels after the one before, and a <c>g.arrow[data-step]</c> from actor to target), and on every
/// move (buttons, keys, a click on a mark, the time box) renders the step label, the narration, the counters
/// (<c>#counters [data-counter]</c>), the hex of what the step wrote (<c>#changes</c>) and every region
/// (<c>#regions [data-region]</c>) rebuilt by replaying the writes of steps 0..current onto zeroed buffers.
/// </summary>
/// <remarks>
/// Decoded cells carry <c>data-field</c> (and <c>data-entry</c>, the entry's index, in tables and rings):
/// split-desc <c>desc-addr</c>, <c>desc-len</c>, <c>desc-flags</c>, <c>desc-next</c>; split-avail <c>flags</c>,
/// <c>idx</c>, <c>avail-ring</c>, <c>used-event</c>; split-used <c>flags</c>, <c>idx</c>, <c>used-id</c>,
/// <c>used-len</c>, <c>avail-event</c>; packed-desc <c>desc-addr</c>, <c>desc-len</c>, <c>desc-id</c>,
/// <c>desc-flags</c>; packed events <c>event-offset</c>, <c>event-wrap</c>, <c>flags</c>; grant-table
/// <c>grant-flags</c>, <c>grant-domid</c>, <c>grant-frame</c> (non-zero entries only); iommu-requests (256-byte
/// slots, non-zero or changed ones only, <c>data-entry</c> the slot) <c>iommu-type</c>, <c>iommu-domain</c>,
/// <c>iommu-endpoint</c>, <c>iommu-iova</c>, <c>iommu-gpa</c>, <c>iommu-flags</c>, <c>iommu-status</c> (the status
/// name once the device wrote the tail, <c>written</c> when it wrote bytes but where the status sits is unclear),
/// followed by the table <c>[data-view="iommu-mappings"]</c>: the mappings the guest asked for, replayed from every
/// MAP and UNMAP whose head a step wrote, one <c>tr[data-field="mapping"]</c> each (<c>data-entry</c> its index,
/// sorted by domain then IOVA; cells <c>mapping-domain</c>, <c>mapping-iova</c>, <c>mapping-gpa</c>,
/// <c>mapping-flags</c>; class <c>changed</c> when added by the current step), or a "no mapping" row. Tables of more than 16 entries
/// show only entries that are non-zero, changed by the current step, or (rings) among the last 16 published slots;
/// <c>idx</c> is always shown. A <c>window</c> region (a bounce window in 2 KiB slots, slot i at start + 2048·i) shows
/// no bytes: its writes are replayed sparsely (a 2 KiB buffer per slot, made on its first write) into a summary
/// <c>[data-field="window-summary"]</c> ("N of M slots written (X KiB)", M = length / 2048, X = 2·N), the ranges of
/// written slots <c>[data-field="window-ranges"]</c>, and a slot map of at most 256 cells
/// <c>[data-field="window-slot"]</c> (<c>data-entry</c> the slot; class <c>written</c>, and <c>changed</c> when the
/// current step wrote it; slots the current step wrote come first when there are more), a click on one showing its
/// first 64 bytes in <c>pre[data-field="window-slot-bytes"]</c>. In <c>#changes</c> each write is dumped up to 256
/// bytes, then "… (N more bytes)". Unknown kinds show their bytes only. Other buffers are capped at 16 MiB. The script
/// never logs and builds every element with DOM calls (no HTML strings).
/// </remarks>
internal static class ExplainPageScript
{
    /// <summary>The script, ending in a newline; it contains no <c>&lt;/</c>.</summary>
    public const string Js = """
        (function () {
          'use strict';
          var MAX_BYTES = 1 << 24;      // a region's buffer is at most this long; writes beyond are ignored
          var SHOW_ALL_ROWS = 16;       // tables with at most this many entries show every entry
          var RECENT_RING = 16;         // large rings show the entries of the last this-many published slots
          var MAX_HEX_ROWS = 256;       // hex dumps show at most this many 16-byte rows
          var HISTORY = 5;              // previous steps listed under the narration
          var IOMMU_SLOT = 256;         // bytes of one virtio-iommu request buffer in an iommu-requests region
          var WINDOW_SLOT = 2048;       // bytes of one slot of a bounce window (swiotlb's IO_TLB_SIZE)
          var MAX_WINDOW_CELLS = 256;   // a window's slot map shows at most this many slots (changed ones first)
          var MAX_WINDOW_RANGES = 64;   // and lists at most this many ranges of written slots
          var SLOT_PEEK = 64;           // bytes of a slot shown when its cell is clicked
          var MAX_CHANGE_BYTES = 256;   // each write of the current step is dumped up to this many bytes

          var data = JSON.parse(document.getElementById('explain-data').textContent) || {};
          var regions = Array.isArray(data.regions) ? data.regions : [];
          var steps = (Array.isArray(data.steps) ? data.steps : []).map(function (s) {
            var changes = Array.isArray(s.changes) ? s.changes : [];
            return {
              time: typeof s.time === 'number' ? s.time : 0,
              actor: String(s.actor || ''),
              target: typeof s.target === 'string' ? s.target : null,
              kind: String(s.kind || ''),
              text: String(s.text || ''),
              cost: typeof s.cost === 'number' ? s.cost : null,
              source: typeof s.source === 'string' ? s.source : null,
              counters: Array.isArray(s.counters) ? s.counters : [],
              changes: changes.map(function (c) {
                return {
                  region: typeof c.region === 'number' ? c.region : -1,
                  address: typeof c.address === 'string' ? c.address : '0x0',
                  offset: typeof c.offset === 'number' ? c.offset : null,
                  bytes: hexToBytes(c.hex)
                };
              })
            };
          });
          var n = steps.length;
          var cur = n > 0 ? 0 : -1;
          var openRaw = {};
          var openSlot = {};

          var lanes = Array.isArray(data.actors) ? data.actors.map(String) : [];
          steps.forEach(function (s) {
            if (lanes.indexOf(s.actor) < 0) lanes.push(s.actor);
            if (s.target !== null && lanes.indexOf(s.target) < 0) lanes.push(s.target);
          });

          function $(id) { return document.getElementById(id); }
          function hexToBytes(hex) {
            var s = typeof hex === 'string' ? hex : '';
            var out = new Uint8Array(s.length >> 1);
            for (var i = 0; i < out.length; i++) {
              var v = parseInt(s.substr(2 * i, 2), 16);
              out[i] = isNaN(v) ? 0 : v;
            }
            return out;
          }
          function toBig(text) {
            try { return BigInt(text); } catch (e) { return BigInt(0); }
          }
          function hex(v, width) { var s = v.toString(16); while (s.length < width) s = '0' + s; return s; }
          function fmtUs(ps) { return (ps / 1e6).toFixed(3) + ' \u00b5s'; }
          function fmtNs(ps) { var ns = ps / 1000; return (Number.isInteger(ns) ? String(ns) : ns.toFixed(3)) + ' ns'; }
          function el(tag, cls, text) {
            var e = document.createElement(tag);
            if (cls) e.className = cls;
            if (text !== undefined && text !== null) e.textContent = String(text);
            return e;
          }
          function regionSize(r) {
            var len = typeof r.length === 'number' && r.length > 0 ? r.length : 0;
            return Math.floor(Math.min(len, MAX_BYTES));
          }
          function safeClass(text) { return String(text).toLowerCase().replace(/[^a-z0-9-]/g, '-'); }

          // ---- memory: replay the writes of steps 0..k onto zeroed buffers ----
          // For an iommu-requests region it also tracks, per slot, the bytes written since the request was posted (a
          // write not starting at the slot's head: the device's tail) and the live mappings of MAP and UNMAP requests.
          // A window region is replayed sparsely: a 2 KiB buffer per slot, made on the slot's first write.
          function memoryAt(k) {
            var isWindow = function (r) { return r.kind === 'window'; };
            var bufs = regions.map(function (r) { return new Uint8Array(isWindow(r) ? 0 : regionSize(r)); });
            var masks = regions.map(function (r) { return new Uint8Array(isWindow(r) ? 0 : regionSize(r)); });
            var iommu = regions.map(function (r) { return r.kind === 'iommu-requests' ? { device: {}, mappings: [] } : null; });
            var windows = regions.map(function (r) { return isWindow(r) ? { slots: {}, changed: {} } : null; });
            for (var i = 0; i <= k && i < n; i++) {
              var heads = [];
              steps[i].changes.forEach(function (c) {
                var w = windows[c.region];
                if (w) { if (c.offset !== null) windowWrite(w, regions[c.region], c, i === k); return; }
                var b = bufs[c.region];
                if (!b || c.offset === null) return;
                var len = Math.min(c.bytes.length, b.length - c.offset);
                if (!(len > 0)) return;
                b.set(c.bytes.subarray(0, len), c.offset);
                if (i === k) masks[c.region].fill(1, c.offset, c.offset + len);
                var io = iommu[c.region];
                if (io) iommuWrite(io, heads, c.region, c.offset, c.offset + len);
              });
              heads.forEach(function (h) { iommuHead(iommu[h.region], bufs[h.region], h.at, i); });
            }
            return { bufs: bufs, masks: masks, iommu: iommu, windows: windows };
          }
          function windowLength(r) { return typeof r.length === 'number' && r.length > 0 ? Math.floor(r.length) : 0; }
          function windowWrite(w, r, c, current) {
            var end = Math.min(c.offset + c.bytes.length, windowLength(r));
            for (var slot = Math.floor(c.offset / WINDOW_SLOT); slot * WINDOW_SLOT < end; slot++) {
              var base = slot * WINDOW_SLOT;
              var from = Math.max(c.offset, base), to = Math.min(end, base + WINDOW_SLOT);
              var sb = w.slots[slot];
              if (!sb) { sb = new Uint8Array(WINDOW_SLOT); w.slots[slot] = sb; }
              sb.set(c.bytes.subarray(from - c.offset, to - c.offset), from - base);
              if (current) w.changed[slot] = true;
            }
          }
          function iommuWrite(io, heads, ri, from, to) {
            for (var slot = Math.floor(from / IOMMU_SLOT); slot * IOMMU_SLOT < to; slot++) {
              var base = slot * IOMMU_SLOT;
              var start = Math.max(from, base) - base, end = Math.min(to, base + IOMMU_SLOT) - base;
              if (start === 0) { delete io.device[slot]; heads.push({ region: ri, at: base }); continue; }
              var d = io.device[slot];
              io.device[slot] = d ? { start: Math.min(d.start, start), end: Math.max(d.end, end) } : { start: start, end: end };
            }
          }
          function iommuHead(io, b, at, step) {
            var type = u8(b, at);
            var domain = u32(b, at + 4), vs = u64(b, at + 8), ve = u64(b, at + 16);
            if (type === 3) {
              io.mappings.push({ domain: domain, start: vs, end: ve, gpa: u64(b, at + 24), flags: u32(b, at + 32), step: step });
            } else if (type === 4) {
              io.mappings = io.mappings.filter(function (mp) { return !(mp.domain === domain && mp.start >= vs && mp.end <= ve); });
            }
          }
          function u8(b, o) { return o >= 0 && o < b.length ? b[o] : 0; }
          function u16(b, o) { return u8(b, o) | (u8(b, o + 1) << 8); }
          function u32(b, o) { return u16(b, o) + u16(b, o + 2) * 65536; }
          function u64(b, o) { return (BigInt(u32(b, o + 4)) << BigInt(32)) | BigInt(u32(b, o)); }
          function u64hex(b, o) { return '0x' + u64(b, o).toString(16); }
          function anySet(b, o, len) {
            for (var i = Math.max(0, o); i < o + len && i < b.length; i++) if (b[i]) return true;
            return false;
          }
          function flagsText(v, names) {
            if (v === 0) return '0';
            var parts = [];
            var rest = v;
            names.forEach(function (p) { if (v & p[0]) { parts.push(p[1]); rest &= ~p[0]; } });
            if (rest) parts.push('0x' + rest.toString(16));
            return parts.join('|');
          }
          var SPLIT_FLAGS = [[1, 'NEXT'], [2, 'WRITE'], [4, 'INDIRECT']];
          var PACKED_FLAGS = [[1, 'NEXT'], [2, 'WRITE'], [4, 'INDIRECT'], [1 << 7, 'AVAIL'], [1 << 15, 'USED']];

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

          // ---- timeline ----
          var W = 1000, LEFT = 160, RIGHT = 16, TOP = 18, LANE = 40, GAP = 7;
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
            var a0 = svgEl('text', { x: LEFT, y: axisY }, 'axis-label');
            a0.textContent = fmtUs(tmin);
            var a1 = svgEl('text', { x: W - RIGHT, y: axisY, 'text-anchor': 'end' }, 'axis-label');
            a1.textContent = fmtUs(tmax);
            svg.appendChild(a0);
            svg.appendChild(a1);
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
              var decode = Object.prototype.hasOwnProperty.call(decoders, r.kind) ? decoders[r.kind] : null;
              var visible = function (row) { return anySet(b, 16 * row, 16) || anySet(m, 16 * row, 16); };
              var dump = hexDump(b, toBig(r.start), visible, function (i) { return m[i] === 1; });
              var note = dump.hidden > 0 ? el('p', 'hidden-rows', dump.hidden + ' rows of 16 bytes not shown (all zero and unchanged by this step)') : null;
              if (decode) {
                decode(v, r);
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
            var total = Math.floor(windowLength(r) / WINDOW_SLOT);
            var written = Object.keys(w.slots).map(Number).sort(function (a, b) { return a - b; });
            var summary = el('p', 'window-summary', written.length + ' of ' + total + ' slots written (' + (written.length * WINDOW_SLOT / 1024) + ' KiB)');
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
              cell.title = 'slot ' + s + ' at 0x' + (start + BigInt(s * WINDOW_SLOT)).toString(16);
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
              var peek = hexDump(w.slots[open].subarray(0, SLOT_PEEK), start + BigInt(open * WINDOW_SLOT), function () { return true; }, function () { return false; });
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
          }
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
          render();
        })();

        """;
}

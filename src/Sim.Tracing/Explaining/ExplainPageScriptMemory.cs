namespace Sim.Tracing.Explaining;

/// <summary>
/// The first part of the explain page's script (see <see cref="ExplainPageScript"/>): its settings, the embedded data,
/// and the replay of the steps' writes onto each region (sparse for windows, with the virtio-iommu mappings). It opens
/// the script's function; <see cref="ExplainPageScriptView"/> closes it.
/// </summary>
internal static class ExplainPageScriptMemory
{
    /// <summary>The first part of the script: settings, data and the replay of the writes.</summary>
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

        """;
}

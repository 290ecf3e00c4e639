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
          var MAX_WINDOW_CELLS = 256;   // a window's slot map shows at most this many slots (changed ones first)
          var MAX_WINDOW_RANGES = 64;   // and lists at most this many ranges of written slots
          var SLOT_PEEK = 64;           // bytes of a slot shown when its cell is clicked
          var MAX_CHANGE_BYTES = 256;   // each write of the current step is dumped up to this many bytes

          var data = JSON.parse(document.getElementById('explain-data').textContent) || {};
          // Every structure and flag set comes from the layout descriptions (Sim.Layouts), region kinds included.
          var layouts = JSON.parse(document.getElementById('explain-layouts').textContent) || {};
          var structs = {}, flagsets = {};
          (Array.isArray(layouts.families) ? layouts.families : []).forEach(function add(s) {
            (s.structs || []).forEach(function (st) { structs[st.id] = st; });
            (s.flagsets || []).forEach(function (f) { flagsets[f.id] = f; });
            (s.classes || []).forEach(add);
            (s.nested || []).forEach(add);
          });
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
            var isWindow = function (r) { return viewOf(r) === 'slot-map'; };
            var bufs = regions.map(function (r) { return new Uint8Array(isWindow(r) ? 0 : regionSize(r)); });
            var masks = regions.map(function (r) { return new Uint8Array(isWindow(r) ? 0 : regionSize(r)); });
            var touched = regions.map(function (r) { return new Uint8Array(isWindow(r) ? 0 : regionSize(r)); }); // written by any step so far
            var iommu = regions.map(function (r) { return viewOf(r) === 'request-slots' ? { device: {}, mappings: [], slot: entryOf(structOf(r)).size } : null; });
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
                touched[c.region].fill(1, c.offset, c.offset + len);
                var io = iommu[c.region];
                if (io) iommuWrite(io, heads, c.region, c.offset, c.offset + len);
              });
              heads.forEach(function (h) { iommuHead(iommu[h.region], bufs[h.region], h.at, i, structOf(regions[h.region])); });
            }
            return { bufs: bufs, masks: masks, touched: touched, iommu: iommu, windows: windows };
          }
          function windowLength(r) { return typeof r.length === 'number' && r.length > 0 ? Math.floor(r.length) : 0; }
          function windowSlot(r) { return entryOf(structOf(r)).size; }
          function windowWrite(w, r, c, current) {
            var slotBytes = windowSlot(r);
            var end = Math.min(c.offset + c.bytes.length, windowLength(r));
            for (var slot = Math.floor(c.offset / slotBytes); slot * slotBytes < end; slot++) {
              var base = slot * slotBytes;
              var from = Math.max(c.offset, base), to = Math.min(end, base + slotBytes);
              var sb = w.slots[slot];
              if (!sb) { sb = new Uint8Array(slotBytes); w.slots[slot] = sb; }
              sb.set(c.bytes.subarray(from - c.offset, to - c.offset), from - base);
              if (current) w.changed[slot] = true;
            }
          }
          function iommuWrite(io, heads, ri, from, to) {
            var slotBytes = io.slot;
            for (var slot = Math.floor(from / slotBytes); slot * slotBytes < to; slot++) {
              var base = slot * slotBytes;
              var start = Math.max(from, base) - base, end = Math.min(to, base + slotBytes) - base;
              if (start === 0) { delete io.device[slot]; heads.push({ region: ri, at: base }); continue; }
              var d = io.device[slot];
              io.device[slot] = d ? { start: Math.min(d.start, start), end: Math.max(d.end, end) } : { start: start, end: end };
            }
          }
          // A posted request changes the mappings the page replays: one that adds (MAP) or removes those inside its range (UNMAP).
          function iommuHead(io, b, at, step, st) {
            var req = iommuRequestOf(st, u8(b, at + entryOf(st).fields[0].offset));
            if (!req) return;
            var f = function (name) { return at + fieldOf(req.st, name).offset; };
            if (req.mapping === 'add') {
              io.mappings.push({ domain: u32(b, f('domain')), start: u64(b, f('virt_start')), end: u64(b, f('virt_end')), gpa: u64(b, f('phys_start')), flags: u32(b, f('flags')), step: step });
            } else if (req.mapping === 'remove') {
              var domain = u32(b, f('domain')), vs = u64(b, f('virt_start')), ve = u64(b, f('virt_end'));
              io.mappings = io.mappings.filter(function (mp) { return !(mp.domain === domain && mp.start >= vs && mp.end <= ve); });
            }
          }
          // The type byte's name and request structure, from the type field's value set; null for an unknown type.
          function iommuRequestOf(st, type) {
            var set = flagsets[entryOf(st).fields[0].values] || { flags: [] };
            var p = set.flags.filter(function (x) { return x.value === type && x.name !== undefined; })[0];
            return p && structs[p.struct] ? { name: p.name, st: structs[p.struct], mapping: p.mapping } : null;
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
          // Flag names from a flag set: a type first when the set has type bits, then the bits that mean something for it.
          function flagsText(v, set) {
            if (v === 0) return '0';
            var list = set && Array.isArray(set.flags) ? set.flags : [];
            var mask = set && set.typeMask ? set.typeMask : 0, type = v & mask, parts = [], rest = v;
            if (mask) {
              list.forEach(function (p) { if (p.isType && p.value === type) parts.push(p.name); });
              rest &= ~mask;
            }
            list.forEach(function (p) {
              if (p.isType || p.name === undefined || typeof p.value !== 'number') return;
              if ((p.forType !== undefined && p.forType !== type) || (p.notForType !== undefined && p.notForType === type)) return;
              if (v & p.value) { parts.push(p.name); rest &= ~p.value; }
            });
            if (rest) parts.push('0x' + rest.toString(16));
            return parts.join('|');
          }
          function valueName(v, set) {
            var p = (set && Array.isArray(set.flags) ? set.flags : []).filter(function (x) { return x.value === v && x.name !== undefined; })[0];
            return p ? p.name : String(v);
          }
          function structOf(r) {
            var kinds = layouts.regionKinds || {};
            return Object.prototype.hasOwnProperty.call(kinds, r.kind) && structs[kinds[r.kind]] ? structs[kinds[r.kind]] : null;
          }
          function viewOf(r) { var st = structOf(r); return st ? st.view || 'struct' : null; }
          function entryOf(st) { var e = st && st.entries; return e && e.ref ? structs[e.ref] : e || null; }
          function fieldOf(st, name) {
            var all = (st.fields || []).concat(st.trailer ? st.trailer.fields : []);
            return all.filter(function (f) { return f.name === name; })[0] || null;
          }
          function width(f) { return { u8: 1, u16: 2, u32: 4, u64: 8, be16: 2, be32: 4 }[f.type] || 0; }
          // A field's value in its byte order: virtio is little-endian, virtio-rpmb's frame fields are big-endian (be16, be32).
          function readField(b, o, f) {
            switch (f.type) {
              case 'u8': return u8(b, o);
              case 'u16': return u16(b, o);
              case 'u32': return u32(b, o);
              case 'u64': return u64(b, o);
              case 'be16': return (u8(b, o) << 8) | u8(b, o + 1);
              case 'be32': return ((u8(b, o) << 24) | (u8(b, o + 1) << 16) | (u8(b, o + 2) << 8) | u8(b, o + 3)) >>> 0;
              default: return 0;
            }
          }

        """;
}

// dateline web UI: small progressive enhancements. Every page works without
// this script; it adds byte-offset selection on the article page.
"use strict";

/**
 * utf8ToUtf16 maps UTF-8 byte offsets to UTF-16 string indices.
 *
 * dateline gives every position as a UTF-8 byte offset into Document.text:
 * the spans of the JSON API ({"start", "end"}), the data-b attribute of each
 * block on the article page, and the #s=START-END fragment. A JavaScript
 * string (and DOM Ranges and Selections) counts UTF-16 code units instead. A
 * character takes 1 byte in UTF-8 up to U+007F, 2 up to U+07FF, 3 up to
 * U+FFFF and 4 beyond, and 1 code unit in UTF-16 up to U+FFFF and 2 (a
 * surrogate pair) beyond; so the ’ of “Zelenskyy’s” is 3 bytes but 1 unit,
 * and an emoji is 4 bytes but 2 units.
 *
 * text: the string the offsets point into (for a block: its textContent,
 *   with offsets relative to its data-b).
 * offsets: byte offsets, in any order.
 * Returns the UTF-16 index of each offset, in the same order. An offset
 * inside a character maps to the start of that character; a negative one to
 * 0; one at or past the end of the text to text.length. It walks the text
 * once: O(text.length + k log k) for k offsets.
 */
function utf8ToUtf16(text, offsets) {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a] - offsets[b]);
  const out = new Array(offsets.length);
  let bytes = 0, i = 0, k = 0;
  while (k < order.length) {
    const want = offsets[order[k]];
    if (i >= text.length) { out[order[k++]] = text.length; continue; }
    const c = text.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (want < bytes + n) { out[order[k++]] = i; continue; }
    bytes += n;
    i += c > 0xffff ? 2 : 1;
  }
  return out;
}

/** utf16ToUtf8 is the inverse of utf8ToUtf16: the UTF-8 byte offset of the UTF-16 index in text. */
function utf16ToUtf8(text, index) {
  let bytes = 0;
  for (let i = 0; i < index && i < text.length;) {
    const c = text.codePointAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += c > 0xffff ? 2 : 1;
  }
  return bytes;
}

(function () {
  const root = document.getElementById("text");
  const out = document.getElementById("sel");
  if (!root || !out) return;
  const blocks = Array.from(root.querySelectorAll("[data-b]"));
  const starts = blocks.map((b) => Number(b.dataset.b));

  // blockAt returns the index of the last block starting at or before byte off.
  function blockAt(off) {
    let lo = 0, hi = blocks.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= off) { best = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return best;
  }

  // point returns the DOM position {node, offset} of byte off in the text.
  function point(off) {
    const bi = blockAt(off);
    if (bi < 0) return null;
    const block = blocks[bi];
    let u = utf8ToUtf16(block.textContent, [off - starts[bi]])[0];
    const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (u <= n.length) return { node: n, offset: u };
      u -= n.length;
      last = n;
    }
    return last ? { node: last, offset: last.length } : { node: block, offset: 0 };
  }

  // bytesOf returns the byte offset in the text of a DOM position inside a block.
  function bytesOf(node, offset) {
    const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const block = el && el.closest("#text [data-b]");
    if (!block) return -1;
    const r = document.createRange();
    r.setStart(block, 0);
    r.setEnd(node, offset);
    return Number(block.dataset.b) + utf16ToUtf8(r.toString(), Infinity);
  }

  function show(start, end, text) {
    out.textContent = "";
    const a = document.createElement("a");
    a.href = "#s=" + start + "-" + end;
    a.textContent = "bytes " + start + "–" + end;
    const q = document.createElement("q");
    q.textContent = text.length > 200 ? text.slice(0, 199) + "…" : text;
    out.append(a, ": ", q);
    out.dataset.start = start;
    out.dataset.end = end;
  }

  // selectBytes selects the bytes [start, end) of the text and shows them.
  function selectBytes(start, end) {
    const a = point(start), b = point(end);
    if (!a || !b) return;
    const r = document.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(r);
    show(start, end, r.toString());
    const el = a.node.nodeType === Node.ELEMENT_NODE ? a.node : a.node.parentElement;
    el.scrollIntoView({ block: "center" });
  }

  function fromHash() {
    const m = /^#s=(\d+)-(\d+)$/.exec(location.hash);
    if (m && Number(m[1]) <= Number(m[2])) selectBytes(Number(m[1]), Number(m[2]));
  }

  // A selection inside the text shows its byte offsets, as the API gives them.
  document.addEventListener("selectionchange", () => {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return;
    const r = sel.getRangeAt(0);
    if (!root.contains(r.commonAncestorContainer)) return;
    const start = bytesOf(r.startContainer, r.startOffset);
    const end = bytesOf(r.endContainer, r.endOffset);
    if (start >= 0 && end >= start) show(start, end, r.toString());
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
  document.documentElement.dataset.js = "ready";
})();

/// The 事例集's style sheet and script, written beside `index.html` as they are (no build step, nothing
/// fetched from anywhere). The script reads `window.FURIKAERI_CASES` (`data.js`), draws the list,
/// filters, sorts and searches it, and keeps the query and filters in the URL (`#q=広報&year=2024`;
/// `?q=` is read too), so that a search can be bookmarked or opened by a test. It builds every element
/// with `textContent`, never `innerHTML`: no text from a sheet is ever parsed as HTML.
enum CaseSiteAssets {
    static let css = """
        :root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --accent: #0b5cad; --org: #2f6fb3; --city: #d9822b; --third: #3f8f4f; }
        * { box-sizing: border-box; }
        body { font-family: "Yu Gothic UI", "Meiryo", "Hiragino Sans", "Noto Sans CJK JP", sans-serif; color: var(--ink);
               margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; line-height: 1.6; }
        h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
        h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); margin-top: 1.75rem; }
        h3 { font-size: 1.1rem; margin-top: 1.25rem; }
        h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, select:focus, main:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
        .skip:focus { left: 1rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .note, .hint, .subtitle { color: var(--muted); }
        .search-row input { font-size: 1.1rem; padding: .3rem .5rem; width: min(100%, 28rem); }
        button { font-size: 1rem; padding: .3rem .8rem; }
        .filters { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; border: 1px solid var(--line); }
        .filters p { margin: .25rem 0; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
        th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #f0f3f7; }
        td.num { text-align: right; }
        .matches { margin: .25rem 0 0; padding-left: 1.2rem; font-size: .92rem; }
        .matches .label { color: var(--muted); margin-right: .5rem; }
        mark { background: #ffe666; color: inherit; }
        dl { margin: 0; }
        .facts dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .25rem 1rem; }
        .facts dt { font-weight: bold; }
        .facts dd { margin: 0; }
        .comments dt { font-weight: bold; margin-top: .75rem; }
        .comments dd { margin: .25rem 0 0 1rem; white-space: normal; }
        .score-block { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
        .score-block table { width: auto; }
        svg.chart { max-width: 100%; height: auto; font-size: 11px; }
        svg.chart text { fill: var(--ink); }
        svg.chart .grid { stroke: var(--line); stroke-width: 1; }
        svg.chart .org { fill: var(--org); }
        svg.chart .city { fill: var(--city); }
        svg.chart .third { fill: var(--third); }
        /* projects/*.html hold several projects' articles: an address naming one (#事業ID) shows it
           alone; without one, all are shown (also where :has() is not supported). */
        main:has(.project-page:target) .project-page:not(:target) { display: none; }
        .project-page + .project-page { border-top: 3px double var(--line); margin-top: 2.5rem; }
        main:has(.project-page:target) .project-page { border-top: none; margin-top: 0; }
        @media print {
          @page { size: A4; margin: 15mm; }
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          .skip, .controls, nav.back, noscript, button { display: none !important; }
          a { color: inherit; text-decoration: none; }
          h2, h3, h4 { break-after: avoid; }
          section.reflection, .score-block, tr, .comments dd { break-inside: avoid; }
          .project-page + .project-page { break-before: page; border-top: none; margin-top: 0; }
          thead { display: table-header-group; }
          mark { background: none; font-weight: bold; text-decoration: underline; }
          svg.chart .org, svg.chart .city, svg.chart .third { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
        }

        """

    static let javaScript = """
        (function () {
          "use strict";
          var D = window.FURIKAERI_CASES;
          if (!D) { return; }
          var UI = D.ui, P = D.projects, DOCS = D.docs, LABELS = D.labels, IDX = D.index;
          var $ = function (id) { return document.getElementById(id); };
          var FILTERS = [["year", "f-year", function (p) { return [String(p.year)]; }, function (v) {
                            for (var i = 0; i < P.length; i++) { if (String(P[i].year) === v) { return P[i].yearLabel; } } return v; }],
                         ["dept", "f-dept", function (p) { return [p.dept]; }],
                         ["form", "f-form", function (p) { return [p.form]; }],
                         ["category", "f-category", function (p) { return [p.category]; }],
                         ["phase", "f-phase", function (p) { return p.phases; }]];

          // The fold of SearchFolding (Swift): each code point in NFKC, lower-cased.
          var foldCache = Object.create(null);
          function foldChar(c) {
            var f = foldCache[c];
            if (f === undefined) { f = foldCache[c] = c.normalize("NFKC").toLowerCase(); }
            return f;
          }
          function fold(s) { var out = ""; for (var c of s) { out += foldChar(c); } return out; }
          // The folded text with, for each of its UTF-16 units, the start and end of the original character.
          function foldWithMap(s) {
            var out = "", starts = [], ends = [], i = 0;
            for (var c of s) {
              var f = foldChar(c);
              for (var k = 0; k < f.length; k++) { starts.push(i); ends.push(i + c.length); }
              out += f; i += c.length;
            }
            return { text: out, starts: starts, ends: ends };
          }
          var folded = [];
          function foldedDoc(i) { var f = folded[i]; if (f === undefined) { f = folded[i] = fold(DOCS[i][2]); } return f; }

          function postings(bigram) {
            var s = IDX[bigram];
            if (!s) { return []; }
            var parts = s.split(","), out = new Array(parts.length), n = 0;
            for (var i = 0; i < parts.length; i++) { n += parseInt(parts[i], 36); out[i] = n; }
            return out;
          }
          // Texts containing the folded word: the intersection of its bigrams' lists, each candidate checked.
          function docsWith(word) {
            var cps = Array.from(word), candidates;
            if (cps.length < 2) {
              candidates = [];
              for (var d = 0; d < DOCS.length; d++) { candidates.push(d); }
            } else {
              var lists = [], seen = Object.create(null);
              for (var k = 0; k + 1 < cps.length; k++) {
                var bg = cps[k] + cps[k + 1];
                if (seen[bg]) { continue; }
                seen[bg] = true;
                lists.push(postings(bg));
              }
              lists.sort(function (a, b) { return a.length - b.length; });
              candidates = lists[0];
              for (var l = 1; l < lists.length && candidates.length; l++) {
                var set = new Set(lists[l]);
                candidates = candidates.filter(function (x) { return set.has(x); });
              }
            }
            return candidates.filter(function (d) { return foldedDoc(d).indexOf(word) >= 0; });
          }
          function words(q) { return q.split(/\\s+/).map(fold).filter(function (w) { return w.length > 0; }); }

          // Project index → its texts that hold every word (as `furikaeri search` finds texts).
          function search(ws) {
            var docs = null;
            ws.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (w) {
              if (docs !== null && docs.length === 0) { return; }
              var found = docsWith(w);
              if (docs === null) { docs = found; return; }
              var set = new Set(found);
              docs = docs.filter(function (d) { return set.has(d); });
            });
            var byProject = Object.create(null);
            (docs || []).forEach(function (d) { var p = DOCS[d][0]; (byProject[p] = byProject[p] || []).push(d); });
            return byProject;
          }

          function snippet(d, ws) {
            var text = DOCS[d][2], m = foldWithMap(text), marks = [];
            ws.forEach(function (w) {
              var at = m.text.indexOf(w);
              while (at >= 0) { marks.push([m.starts[at], m.ends[at + w.length - 1]]); at = m.text.indexOf(w, at + w.length); }
            });
            marks.sort(function (a, b) { return a[0] - b[0]; });
            var first = marks.length ? marks[0][0] : 0, from = Math.max(0, first - 30), to = Math.min(text.length, first + 60);
            var frag = document.createDocumentFragment(), pos = from;
            if (from > 0) { frag.appendChild(document.createTextNode("…")); }
            marks.forEach(function (r) {
              var a = Math.max(r[0], pos), b = Math.min(r[1], to);
              if (b <= a) { return; }
              frag.appendChild(document.createTextNode(text.slice(pos, a)));
              var mark = document.createElement("mark"); mark.textContent = text.slice(a, b); frag.appendChild(mark);
              pos = b;
            });
            if (pos < to) { frag.appendChild(document.createTextNode(text.slice(pos, to))); }
            if (to < text.length) { frag.appendChild(document.createTextNode("…")); }
            return frag;
          }

          function readState() {
            var params = new URLSearchParams(location.search);
            var hash = new URLSearchParams(location.hash.replace(/^#/, ""));
            hash.forEach(function (v, k) { params.set(k, v); });
            return params;
          }
          function writeState() {
            var params = new URLSearchParams();
            if ($("q").value.trim()) { params.set("q", $("q").value.trim()); }
            FILTERS.forEach(function (f) { if ($(f[1]).value) { params.set(f[0], $(f[1]).value); } });
            if ($("sort").value !== "year-desc") { params.set("sort", $("sort").value); }
            var url = location.pathname + location.search + (params.toString() ? "#" + params.toString() : "");
            try { history.replaceState(null, "", url); } catch (e) { /* some browsers refuse on file:// */ }
          }

          function fillFilters() {
            FILTERS.forEach(function (f) {
              var values = Object.create(null);
              P.forEach(function (p) { f[2](p).forEach(function (v) { if (v) { values[v] = true; } }); });
              var keys = Object.keys(values).sort();
              if (f[0] === "year") { keys.sort(function (a, b) { return b - a; }); }
              if (f[0] === "phase") { keys.sort(function (a, b) { return UI.phaseOrder.indexOf(a) - UI.phaseOrder.indexOf(b); }); }
              var select = $(f[1]);
              keys.forEach(function (v) {
                var o = document.createElement("option"); o.value = v; o.textContent = f[3] ? f[3](v) : v; select.appendChild(o);
              });
            });
          }

          function cell(row, text, cls) { var td = document.createElement("td"); td.textContent = text; if (cls) { td.className = cls; } row.appendChild(td); return td; }

          function render() {
            var t0 = performance.now();
            var ws = words($("q").value), hits = ws.length ? search(ws) : null;
            var rows = [];
            for (var i = 0; i < P.length; i++) {
              if (hits && !hits[i]) { continue; }
              var p = P[i], ok = true;
              FILTERS.forEach(function (f) { var v = $(f[1]).value; if (v && f[2](p).indexOf(v) < 0) { ok = false; } });
              if (ok) { rows.push(i); }
            }
            var sort = $("sort").value;
            rows.sort(function (a, b) {
              var x = P[a], y = P[b];
              var byName = x.name < y.name ? -1 : x.name > y.name ? 1 : 0;
              if (sort === "year-asc") { return x.year - y.year || byName; }
              if (sort === "name") { return byName || y.year - x.year; }
              if (sort === "mean-desc" || sort === "mean-asc") {
                var mx = x.mean === null ? -1 : x.mean, my = y.mean === null ? -1 : y.mean;
                if (x.mean === null || y.mean === null) { return (x.mean === null) - (y.mean === null) || byName; }
                return (sort === "mean-desc" ? my - mx : mx - my) || byName;
              }
              return y.year - x.year || byName;
            });
            var body = $("rows"), fresh = document.createElement("tbody");
            fresh.id = "rows";
            rows.forEach(function (i) {
              var p = P[i], tr = document.createElement("tr");
              tr.setAttribute("data-id", p.id);
              cell(tr, p.yearLabel);
              var nameCell = document.createElement("td"), a = document.createElement("a");
              a.href = p.page; a.textContent = p.name; nameCell.appendChild(a);
              if (hits) {
                var list = document.createElement("ul"); list.className = "matches";
                list.setAttribute("aria-label", UI.matches);
                var docs = hits[i];
                docs.slice(0, 3).forEach(function (d) {
                  var li = document.createElement("li"), label = document.createElement("span");
                  label.className = "label"; label.textContent = LABELS[DOCS[d][1]];
                  li.appendChild(label); li.appendChild(snippet(d, ws)); list.appendChild(li);
                });
                if (docs.length > 3) { var more = document.createElement("li"); more.textContent = UI.moreMatches.replace("{n}", docs.length - 3); list.appendChild(more); }
                nameCell.appendChild(list);
              }
              tr.appendChild(nameCell);
              cell(tr, p.org); cell(tr, p.dept || UI.notStated); cell(tr, p.form || UI.notStated); cell(tr, p.category || UI.notStated);
              cell(tr, p.phases.join(UI.lang === "ja" ? "・" : ", "));
              cell(tr, p.mean === null ? "—" : p.mean.toFixed(2), "num");
              fresh.appendChild(tr);
            });
            body.parentNode.replaceChild(fresh, body);
            var status = $("status");
            status.textContent = rows.length === 0 ? UI.noResults : (hits ? UI.results : UI.listed).replace("{n}", rows.length);
            status.setAttribute("data-count", rows.length);
            status.setAttribute("data-ms", (performance.now() - t0).toFixed(1));
            // From the start of navigation to the first list drawn (data.js parsed included).
            if (!status.hasAttribute("data-load-ms")) { status.setAttribute("data-load-ms", performance.now().toFixed(1)); }
          }

          function applyState() {
            var s = readState();
            $("q").value = s.get("q") || "";
            FILTERS.forEach(function (f) { $(f[1]).value = s.get(f[0]) || ""; if ($(f[1]).selectedIndex < 0) { $(f[1]).value = ""; } });
            $("sort").value = s.get("sort") || "year-desc";
            if ($("sort").selectedIndex < 0) { $("sort").value = "year-desc"; }
            render();
          }

          fillFilters();
          applyState();
          var timer = null;
          $("q").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { render(); writeState(); }, 120); });
          $("search-form").addEventListener("submit", function (e) { e.preventDefault(); render(); writeState(); });
          FILTERS.forEach(function (f) { $(f[1]).addEventListener("change", function () { render(); writeState(); }); });
          $("sort").addEventListener("change", function () { render(); writeState(); });
          $("clear").addEventListener("click", function () {
            $("q").value = ""; FILTERS.forEach(function (f) { $(f[1]).value = ""; }); $("sort").value = "year-desc";
            render(); writeState(); $("q").focus();
          });
          window.addEventListener("hashchange", applyState);
          document.documentElement.setAttribute("data-ready", "true");
        })();

        """
}

// archsplit HTML report. Reads the data embedded in #data (a compact form of the JSON that
// `archsplit analyze --format json` prints: see src/report/html_data.rs), decodes it back
// into the shape of that document, and draws the summary, findings, the module graph (SVG,
// grouped by cluster or crate, expandable), the dependency structure matrix (canvas) and one
// card per cluster. Plain JavaScript, no library, no request.
"use strict";
(function () {
  const data = decode(JSON.parse(document.getElementById("data").textContent));

  // The compact form (paths indexed, module fields as columns, dependencies as integers)
  // back into the document's shape: modules, dependencies, clusters with their modules,
  // kernel and cycles with module paths.
  function decode(r) {
    const paths = r.paths || [];
    const M = r.modules || {};
    const col = (k) => M[k] || [];
    const crateNames = (r.crates || []).map((c) => c.name);
    const STATUS = ["clustered", "kernel", "excluded"];
    const itemKinds = r.item_kinds || [];
    const state = new Map((M.state || []).map(([i, xs]) => [i, xs.map(([name, kind]) => ({ name, kind }))]));
    const h = M.history;
    const modules = paths.map((path, i) => {
      const items = {};
      (col("items")[i] || []).forEach((n, k) => { if (n) items[itemKinds[k]] = n; });
      return {
        path, crate: crateNames[col("crate")[i]], cluster: col("cluster")[i], status: STATUS[col("status")[i]] || "clustered",
        file: col("file")[i], line: col("line")[i], loc: col("loc")[i], public_items: col("public_items")[i], items,
        state: state.get(i) || [],
        changes: h ? h.changes[i] : null, volatility: h ? h.volatility[i] : null,
        authors: h ? h.authors[i] : null, main_author_share: h ? h.main_author_share[i] : null,
      };
    });
    const dependencies = [];
    const d = r.deps || [], kinds = r.dep_kinds || [];
    for (let i = 0; i + 3 < d.length;) {
      const dep = { from: paths[d[i]], to: paths[d[i + 1]], weight: d[i + 2], kinds: {} };
      const mask = d[i + 3];
      i += 4;
      for (let b = 0; b < kinds.length; b++) if (mask & (1 << b)) dep.kinds[kinds[b]] = d[i++];
      dependencies.push(dep);
    }
    const clusters = (r.clusters || []).map((c) => ({ ...c, modules: [] }));
    const byId = new Map(clusters.map((c) => [c.id, c]));
    modules.forEach((m) => { const c = byId.get(m.cluster); if (c) c.modules.push(m.path); });
    return {
      ...r, modules, dependencies, clusters,
      kernel: (r.kernel || []).map(([m, users]) => ({ module: paths[m], users })),
      cycles: (r.cycles || []).map((ms) => ({ members: ms.map((m) => paths[m]) })),
    };
  }
  const SVGNS = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------- helpers
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }
  function svg(tag, attrs) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    return e;
  }
  // Numbers as the text reports write them: thousands separated, at most three decimals.
  const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fmt = (x) => (typeof x !== "number" ? String(x)
    : Number.isInteger(x) ? thousands(x) : x.toFixed(3).replace(/\.?0+$/, ""));
  const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many || one + "s"}`;
  const lastSeg = (p) => { const i = p.lastIndexOf("::"); return i < 0 ? p : p.slice(i + 2); };
  const kindsText = (d) => Object.entries(d.kinds || {}).map(([k, v]) => `${k} ${v}`).join(", ");
  const shorten = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
  // Text whose `backticked` parts are code: a list of text and <code> nodes, built with
  // textContent only, so nothing in the text is read as HTML. An unpaired backtick stays.
  function rich(text) {
    const parts = String(text ?? "").split("`");
    if (parts.length % 2 === 0) { const tail = parts.pop(); parts[parts.length - 1] += "`" + tail; }
    return parts.map((p, i) => (i % 2 ? el("code", { text: p }) : p)).filter((p) => p !== "");
  }
  // The same text for a tooltip, which cannot hold code: the backticks dropped.
  const plain = (text) => String(text ?? "").replace(/`([^`]*)`/g, "$1");

  // Distinct colours for clusters: a fixed palette, then golden-angle hues.
  const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#17becf", "#bcbd22", "#7f7f7f"];
  function colour(i) {
    if (i < PALETTE.length) return PALETTE[i];
    return `hsl(${Math.round((i * 137.508) % 360)}, 55%, 50%)`;
  }
  const KERNEL_COLOUR = "#9aa4b2";

  // ---------------------------------------------------------------- model
  // Modules left out of the clustering (outside the product, no code) are not drawn: the
  // Crates section lists their crates.
  const mods = (data.modules || []).filter((m) => m.status !== "excluded");
  const modIndex = new Map(mods.map((m, i) => [m.path, i]));
  const clusters = data.clusters || [];
  const clusterPos = new Map(clusters.map((c, i) => [c.id, i]));
  const crates = data.crates || [];
  const crateIndex = new Map(crates.map((c, i) => [c.name, i]));
  const deps = (data.dependencies || [])
    .map((d) => ({ ...d, f: modIndex.get(d.from), t: modIndex.get(d.to) }))
    .filter((d) => d.f !== undefined && d.t !== undefined);
  const out = mods.map(() => []);
  const inc = mods.map(() => []);
  for (const d of deps) { out[d.f].push(d); inc[d.t].push(d); }
  // Modules of one dependency cycle share a cycle number.
  const cycleOf = new Map();
  (data.cycles || []).forEach((c, ci) => c.members.forEach((m) => cycleOf.set(m, ci)));
  const inCycle = (d) => cycleOf.has(d.from) && cycleOf.get(d.from) === cycleOf.get(d.to);
  // Cluster position (0-based) of each module; the shared kernel is its own group.
  const kernelKey = clusters.length;
  const modCluster = mods.map((m) => (m.cluster === null || m.cluster === undefined ? kernelKey : clusterPos.get(m.cluster) ?? kernelKey));
  const clusterColour = (ci) => (ci === kernelKey ? KERNEL_COLOUR : colour(ci));
  const findings = data.findings || [];
  function findingsFor(c) {
    const names = new Set([...(c.crates || []), ...(c.modules || [])]);
    return findings.filter((f) => (f.subjects || []).some((s) => names.has(s)) ||
      new RegExp(`\\bcluster ${c.id}\\b`).test(f.message));
  }

  // ---------------------------------------------------------------- header
  const s = data.summary || {};
  document.getElementById("verdict").append(
    el("span", { class: `badge ${s.verdict}`, text: s.verdict || "?" }), " ", ...rich(s.rationale));
  const chips = document.getElementById("summary");
  const chip = (label, value) => chips.append(el("span", { class: "chip" }, `${label} `, el("b", { text: fmt(value) })));
  if (s.kind) chip("kind", s.kind);
  chip("crates", s.crates); chip("modules", s.modules); chip("lines of code", s.loc);
  if (s.generated_loc) chip("generated lines", s.generated_loc);
  chip("dependencies", s.dependencies); chip("clusters", s.clusters);
  chip("kernel modules", s.kernel_modules); chip("cycles", s.cycles);
  chip("modularity", s.modularity);
  if (s.mojofm_vs_crates !== undefined && s.mojofm_vs_crates !== null) chip("MoJoFM vs crates", s.mojofm_vs_crates.toFixed(1));
  if (s.history && s.history.status === "read") {
    chip("commits read", s.history.commits);
    chip("authors", s.history.authors);
  } else if (s.history) {
    chips.append(el("span", { class: "chip", title: plain(s.history.reason) }, "history ", el("b", { text: s.history.status })));
  }
  chip("diagnostics", s.diagnostics);
  document.getElementById("footer").textContent =
    `${data.tool ? data.tool.name + " " + data.tool.version : "archsplit"} · schema ${data.schema_version} · ` +
    `clustering: ${s.clustering ? s.clustering.algorithm + ", resolution " + fmt(s.clustering.resolution) : "?"}`;

  // ---------------------------------------------------------------- next steps
  // At most seven concrete changes, ranked, each with its evidence and its effect.
  const actionList = document.getElementById("actions-list");
  const actions = data.actions || [];
  if (actions.length === 0) {
    actionList.append(el("p", { class: "muted", text: "No next step: nothing to merge, cut, move, split or extract." }));
  } else {
    const pct = (x) => `${(100 * (x || 0)).toFixed(1)}%`;
    actions.forEach((a, i) => {
      const e = a.effect || {};
      const ch = (label, c, f) => c ? el("span", { class: "chip" }, `${label} `, el("b", { text: `${f(c.before)} → ${f(c.after)}` })) : null;
      actionList.append(el("div", { class: "card action" },
        el("h3", {}, el("span", { class: "badge", text: a.kind }), ` ${i + 1}. `, ...rich(a.title)),
        el("p", {}, ...rich(a.evidence)),
        (a.edges || []).length ? el("ul", {}, ...a.edges.slice(0, 8).map((d) =>
          el("li", {}, el("code", { text: `${d.from} → ${d.to}` }), ` ${d.line ? d.file + ":" + d.line : d.file} (${plural(d.weight, "reference")})`))) : null,
        el("div", {}, ch("crates", e.crates, String), ch("references between crates", e.crate_cut, String),
          ch("modules in cycles (parent/child references aside)", e.cycle_modules, String), ch("references across clusters", e.icp, pct))));
    });
  }

  // ---------------------------------------------------------------- crates
  // What each crate is, with the evidence for every role.
  const crateList = document.getElementById("crates-list");
  if (crates.length === 0) {
    crateList.append(el("p", { class: "muted", text: "No crates." }));
  } else {
    const rows = crates.map((c) => el("tr", {},
      el("td", { text: c.name }),
      el("td", { text: (c.roles || []).map((r) => r.role).join(", ") + (c.product === false ? " (not product code)" : "") }),
      el("td", { class: "num", text: fmt(c.modules) }),
      el("td", { class: "num", text: fmt(c.loc) + (c.generated_loc ? ` (+${fmt(c.generated_loc)} generated)` : "") }),
      el("td", {}, ...rich((c.roles || []).map((r) => `${r.role}: ${r.evidence}`).join("; ")))));
    crateList.append(el("table", { class: "plain" },
      el("tr", {}, el("th", { text: "crate" }), el("th", { text: "roles" }), el("th", { text: "modules" }),
        el("th", { text: "lines of code" }), el("th", { text: "evidence" })),
      ...rows));
  }

  // ---------------------------------------------------------------- findings
  const fl = document.getElementById("findings-list");
  const sevRank = { error: 0, warning: 1, note: 2 };
  const sortedFindings = findings.slice().sort((a, b) =>
    (sevRank[a.severity] ?? 3) - (sevRank[b.severity] ?? 3) ||
    (a.rule === "over-fragmentation" ? 0 : 1) - (b.rule === "over-fragmentation" ? 0 : 1));
  function findingBox(f) {
    return el("div", { class: `finding ${f.severity} ${f.rule}` },
      el("span", { class: `badge ${f.severity}`, text: f.severity }), " ",
      el("b", { text: f.rule }), " ", ...rich(f.message),
      f.location ? el("div", { class: "where", text: `${f.location.file}:${f.location.line}` }) : null);
  }
  if (sortedFindings.length === 0) fl.append(el("p", { class: "muted", text: "No findings: no rule warns about this codebase." }));
  for (const f of sortedFindings) fl.append(findingBox(f));

  // ---------------------------------------------------------------- graph
  const svgRoot = document.getElementById("graph");
  const viewport = svg("g");
  const defs = svg("defs");
  const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
  marker.append(svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#8a94a6" }));
  defs.append(marker);
  svgRoot.append(defs, viewport);
  const details = document.getElementById("details");
  let mode = "cluster";
  let groups = [];
  let groupOfMod = [];
  const expanded = new Set();
  let selected = null; // {kind: "group"|"module", index}
  let view = { x: 0, y: 0, k: 1 };

  function buildGroups() {
    if (mode === "cluster") {
      groups = clusters.map((c, i) => ({
        key: i, label: `#${c.id} ${c.name}`, short: `#${c.id}`, colour: colour(i), members: [], cluster: c,
      }));
      groups.push({ key: kernelKey, label: "shared kernel", short: "kernel", colour: KERNEL_COLOUR, members: [], cluster: null });
      groupOfMod = modCluster.slice();
    } else {
      groups = crates.map((c, i) => ({ key: i, label: c.name, short: c.name, colour: "#475467", members: [], crate: c }));
      groupOfMod = mods.map((m) => crateIndex.get(m.crate) ?? 0);
    }
    mods.forEach((m, i) => groups[groupOfMod[i]].members.push(i));
    groups = groups.filter((g) => g.members.length > 0);
    const byKey = new Map(groups.map((g, gi) => [g.key, gi]));
    groupOfMod = groupOfMod.map((k) => byKey.get(k));
    groups.forEach((g) => {
      g.loc = g.members.reduce((a, i) => a + (mods[i].loc || 0), 0);
      g.r = Math.min(60, 10 + 3.2 * Math.sqrt(g.members.length));
    });
    expanded.clear();
    layoutGroups();
  }

  function groupRadius(gi) {
    const g = groups[gi];
    return expanded.has(gi) ? 26 + 18 * Math.sqrt(g.members.length) : g.r;
  }

  // Force-directed placement of the groups (deterministic: fixed start, fixed steps).
  function layoutGroups() {
    const n = groups.length;
    const w = new Map();
    for (const d of deps) {
      const a = groupOfMod[d.f], b = groupOfMod[d.t];
      if (a === b) continue;
      const k = a < b ? a * n + b : b * n + a;
      w.set(k, (w.get(k) || 0) + d.weight);
    }
    const links = [...w.entries()].map(([k, wt]) => [Math.floor(k / n), k % n, wt]);
    const R = 120 + 40 * Math.sqrt(n);
    groups.forEach((g, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, n);
      g.x = R * Math.cos(a); g.y = R * Math.sin(a);
    });
    const steps = n > 400 ? 60 : n > 150 ? 150 : 300;
    const ideal = 200;
    // Repulsion stops at a distance, so groups with no link are not pushed off the page.
    const far = (4 * ideal) * (4 * ideal);
    for (let step = 0; step < steps; step++) {
      const t = 1 - step / steps;
      const fx = new Float64Array(n), fy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let dx = groups[i].x - groups[j].x, dy = groups[i].y - groups[j].y;
          let d2 = dx * dx + dy * dy;
          if (d2 < 1) { dx = 1; dy = 0; d2 = 1; }
          if (d2 > far) continue;
          const f = (ideal * ideal) / d2;
          fx[i] += dx * f; fy[i] += dy * f; fx[j] -= dx * f; fy[j] -= dy * f;
        }
      }
      for (const [a, b, wt] of links) {
        const dx = groups[a].x - groups[b].x, dy = groups[a].y - groups[b].y;
        const d = Math.sqrt(dx * dx + dy * dy) || 1;
        const f = (d / ideal) * Math.min(4, 1 + Math.log2(wt)) * 0.5;
        fx[a] -= dx * f; fy[a] -= dy * f; fx[b] += dx * f; fy[b] += dy * f;
      }
      for (let i = 0; i < n; i++) {
        // A pull to the centre keeps unlinked groups near the rest.
        fx[i] -= groups[i].x * 0.03; fy[i] -= groups[i].y * 0.03;
        const len = Math.sqrt(fx[i] * fx[i] + fy[i] * fy[i]) || 1;
        const move = Math.min(len, 40 * t + 1);
        groups[i].x += (fx[i] / len) * move; groups[i].y += (fy[i] / len) * move;
      }
    }
    // Groups with no link to any other go in a row under the rest, not off in a corner.
    const linked = new Set(links.flatMap(([a, b]) => [a, b]));
    const placed = groups.filter((_, i) => linked.has(i));
    if (placed.length > 0 && placed.length < n) {
      const minX = Math.min(...placed.map((g) => g.x)), maxX = Math.max(...placed.map((g) => g.x));
      let x = minX, y = Math.max(...placed.map((g) => g.y + g.r)) + 120;
      groups.forEach((g, i) => {
        if (linked.has(i)) return;
        if (x > Math.max(maxX, minX + 600)) { x = minX; y += 140; }
        g.x = x; g.y = y;
        x += 2 * g.r + 200;
      });
    }
    separate(80);
  }

  // Push overlapping groups apart (their radius grows when expanded).
  function separate(rounds) {
    const n = groups.length;
    for (let r = 0; r < rounds; r++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = groups[i], b = groups[j];
          const need = groupRadius(i) + groupRadius(j) + (expanded.has(i) || expanded.has(j) ? 30 : 70);
          let dx = b.x - a.x, dy = b.y - a.y;
          let d = Math.sqrt(dx * dx + dy * dy);
          if (d >= need) continue;
          if (d < 0.01) { dx = 1; dy = 0; d = 1; }
          const push = (need - d) / 2;
          a.x -= (dx / d) * push; a.y -= (dy / d) * push;
          b.x += (dx / d) * push; b.y += (dy / d) * push;
          moved = true;
        }
      }
      if (!moved) break;
    }
  }

  // Where each module is drawn: on a sunflower spiral inside its expanded group.
  function modulePositions() {
    const pos = new Map();
    groups.forEach((g, gi) => {
      if (!expanded.has(gi)) return;
      const members = g.members.slice().sort((a, b) => mods[a].path.localeCompare(mods[b].path));
      members.forEach((m, k) => {
        const r = 18 * Math.sqrt(k + 0.5);
        const a = k * 2.39996323;
        pos.set(m, { x: g.x + r * Math.cos(a), y: g.y + r * Math.sin(a) });
      });
    });
    return pos;
  }

  function render() {
    viewport.textContent = "";
    const pos = modulePositions();
    // A selected module that is no longer drawn gives the selection up.
    if (selected && selected.kind === "module" && !pos.has(selected.index)) selected = null;
    // Visible node of each module: itself when its group is expanded, else its group.
    const nodeOf = (m) => (pos.has(m) ? `m${m}` : `g${groupOfMod[m]}`);
    const xy = (id) => (id[0] === "m" ? pos.get(+id.slice(1)) : groups[+id.slice(1)]);
    const radius = (id) => (id[0] === "m" ? 6 : groups[+id.slice(1)].r);
    const agg = new Map();
    for (const d of deps) {
      const a = nodeOf(d.f), b = nodeOf(d.t);
      if (a === b) continue;
      const k = `${a}>${b}`;
      const e = agg.get(k) || { a, b, weight: 0, cycle: false, deps: [] };
      e.weight += d.weight; e.cycle = e.cycle || inCycle(d); e.deps.push(d);
      agg.set(k, e);
    }
    const hulls = svg("g"), edges = svg("g"), nodes = svg("g");
    viewport.append(hulls, edges, nodes);
    // Labels to place once all are drawn, and the circles they should keep clear of.
    const labels = [], circles = [];
    groups.forEach((g, gi) => {
      if (!expanded.has(gi)) return;
      const h = svg("circle", { class: "hull", cx: g.x, cy: g.y, r: groupRadius(gi) - 6, fill: g.colour, stroke: g.colour });
      h.append(svg("title")); h.firstChild.textContent = `${g.label} (double-click to collapse)`;
      h.addEventListener("click", (ev) => { ev.stopPropagation(); select({ kind: "group", index: gi }); });
      h.addEventListener("dblclick", (ev) => { ev.stopPropagation(); toggle(gi); });
      const t = svg("text", { x: g.x, y: g.y - groupRadius(gi) + 4, "text-anchor": "middle", class: "group-label" });
      t.textContent = shorten(g.label, 48);
      hulls.append(h, t);
      labels.push({ el: t, owner: `h${gi}`, x: g.x, y: g.y, r: groupRadius(gi) - 6, rank: 0, size: g.members.length, sides: ["above", "below"] });
    });
    const sorted = [...agg.values()].sort((p, q) => p.weight - q.weight);
    for (const e of sorted) {
      const p = xy(e.a), q = xy(e.b);
      const dx = q.x - p.x, dy = q.y - p.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const ra = radius(e.a), rb = radius(e.b) + 2;
      const line = svg("line", {
        class: "edge" + (e.cycle ? " cycle" : ""),
        x1: p.x + (dx / d) * ra, y1: p.y + (dy / d) * ra, x2: q.x - (dx / d) * rb, y2: q.y - (dy / d) * rb,
        "stroke-width": Math.min(10, 0.8 + Math.log2(1 + e.weight)).toFixed(2), "marker-end": "url(#arrow)",
      });
      line.dataset.a = e.a; line.dataset.b = e.b;
      const title = svg("title");
      title.textContent = `${e.deps.length === 1 ? e.deps[0].from + " → " + e.deps[0].to : plural(e.deps.length, "dependency", "dependencies")}: weight ${e.weight}${e.cycle ? " (in a cycle)" : ""}`;
      line.append(title);
      edges.append(line);
    }
    groups.forEach((g, gi) => {
      if (expanded.has(gi)) return;
      const node = svg("g", { class: "node", "data-id": `g${gi}` });
      node.append(svg("circle", { cx: g.x, cy: g.y, r: g.r, fill: g.colour, "fill-opacity": 0.85, stroke: "#fff", "stroke-width": 1.5 }));
      const title = svg("title");
      title.textContent = `${g.label}: ${plural(g.members.length, "module")}, ${fmt(g.loc)} lines (double-click to expand)`;
      node.append(title);
      const t = svg("text", { x: g.x, y: g.y + g.r + 13, "text-anchor": "middle", class: "group-label" });
      t.textContent = shorten(g.label, 30);
      node.append(t);
      const main = { el: t, owner: `g${gi}`, x: g.x, y: g.y, r: g.r, rank: 1, size: g.members.length, sides: ["below", "above", "right", "left"] };
      labels.push(main);
      circles.push({ x: g.x, y: g.y, r: g.r, owner: `g${gi}` });
      if (mode === "cluster" && g.cluster) {
        const sub = svg("text", { x: g.x, y: g.y + g.r + 26, "text-anchor": "middle" });
        sub.textContent = `${g.cluster.recommendation} · ${shorten((g.cluster.crates || []).join(", "), 30)}`;
        node.append(sub);
        labels.push({ el: sub, owner: `g${gi}`, rank: 2, size: g.members.length, under: main });
      }
      node.addEventListener("click", (ev) => { ev.stopPropagation(); select({ kind: "group", index: gi }); });
      node.addEventListener("dblclick", (ev) => { ev.stopPropagation(); toggle(gi); });
      nodes.append(node);
    });
    for (const [m, p] of pos) {
      const node = svg("g", { class: "node", "data-id": `m${m}` });
      const fill = clusterColour(modCluster[m]);
      const stroke = mode === "cluster" ? "#fff" : "#344054";
      node.append(svg("circle", { cx: p.x, cy: p.y, r: 6, fill, stroke, "stroke-width": 1.2 }));
      const title = svg("title");
      title.textContent = `${mods[m].path} (${mods[m].crate}): ${fmt(mods[m].loc)} lines`;
      node.append(title);
      // Thousands of labels would hide the drawing; the tooltip still names each module.
      if (pos.size <= 1500) {
        const t = svg("text", { x: p.x + 8, y: p.y + 4 });
        t.textContent = shorten(lastSeg(mods[m].path), 24);
        node.append(t);
        labels.push({ el: t, owner: `m${m}`, x: p.x, y: p.y, r: 6, rank: 3, size: mods[m].loc || 0, sides: ["right", "left", "below", "above"] });
      }
      circles.push({ x: p.x, y: p.y, r: 6, owner: `m${m}` });
      node.addEventListener("click", (ev) => { ev.stopPropagation(); select({ kind: "module", index: m }); });
      nodes.append(node);
    }
    // Pairs that change together with no dependency (hidden-coupling), dashed.
    for (const f of findings) {
      if (f.rule !== "hidden-coupling" || (f.subjects || []).length !== 2) continue;
      const ma = modIndex.get(f.subjects[0]), mb = modIndex.get(f.subjects[1]);
      if (ma === undefined || mb === undefined) continue;
      const a = nodeOf(ma), b = nodeOf(mb);
      if (a === b) continue;
      const p = xy(a), q = xy(b);
      const line = svg("line", { class: "edge hidden-coupling", x1: p.x, y1: p.y, x2: q.x, y2: q.y });
      line.dataset.a = a; line.dataset.b = b;
      const title = svg("title");
      title.textContent = plain(f.message);
      line.append(title);
      edges.append(line);
    }
    placeLabels(labels, circles);
    highlight();
    renderLegend();
  }

  // Places labels so that none overlaps another: most important first (group labels, then
  // bigger groups and modules), each on the first side of its node where it overlaps no
  // label placed and no node, else where it overlaps no label; a label with no such place
  // is hidden (class `off`: its node's tooltip names it, and hovering the node shows it).
  // Positions are in graph units, so zooming keeps them apart.
  function placeLabels(labels, circles) {
    const CELL = 64, GAP = 3, PAD = 1;
    const grid = new Map();
    const cells = (b, f) => {
      for (let i = Math.floor(b.x / CELL); i <= Math.floor((b.x + b.w) / CELL); i++)
        for (let j = Math.floor(b.y / CELL); j <= Math.floor((b.y + b.h) / CELL); j++) f(`${i},${j}`);
    };
    const add = (b) => cells(b, (k) => { const l = grid.get(k); if (l) l.push(b); else grid.set(k, [b]); });
    const hits = (b, nodesToo) => {
      let hit = false;
      cells(b, (k) => {
        if (hit) return;
        for (const o of grid.get(k) || []) {
          if ((o.label || nodesToo) && o.owner !== b.owner &&
            b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) { hit = true; return; }
        }
      });
      return hit;
    };
    for (const c of circles) add({ x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r, owner: c.owner, label: false });
    // Measure every label first (one layout), then move them.
    for (const l of labels) l.el.setAttribute("text-anchor", "start");
    for (const l of labels) {
      const b = l.el.getBBox();
      const chars = l.el.textContent.length;
      l.w = (b.width || 6.5 * chars) + 2 * PAD;
      l.h = (b.height || 14) + 2 * PAD;
      l.ox = b.x - Number(l.el.getAttribute("x"));
      l.oy = b.y - Number(l.el.getAttribute("y"));
    }
    const order = labels.map((l, i) => i).sort((a, b) =>
      labels[a].rank - labels[b].rank || labels[b].size - labels[a].size || a - b);
    for (const i of order) {
      const l = labels[i];
      let spots;
      if (l.under) {
        const u = l.under.box;
        spots = u ? [[u.x + (u.w - l.w) / 2, u.y + u.h]] : [];
      } else {
        const at = { right: [l.x + l.r + GAP, l.y - l.h / 2], left: [l.x - l.r - GAP - l.w, l.y - l.h / 2],
          below: [l.x - l.w / 2, l.y + l.r + GAP], above: [l.x - l.w / 2, l.y - l.r - GAP - l.h] };
        spots = l.sides.map((s) => at[s]);
      }
      let box = null;
      for (const nodesToo of [true, false]) {
        for (const [x, y] of spots) {
          const b = { x, y, w: l.w, h: l.h, owner: l.owner, label: true };
          if (!hits(b, nodesToo)) { box = b; break; }
        }
        if (box) break;
      }
      l.box = box;
      if (!box) { l.el.classList.add("off"); continue; }
      add(box);
      l.el.setAttribute("x", (box.x + PAD - l.ox).toFixed(1));
      l.el.setAttribute("y", (box.y + PAD - l.oy).toFixed(1));
    }
  }

  function renderLegend() {
    const lg = document.getElementById("graph-legend");
    lg.textContent = "";
    const items = mode === "cluster"
      ? groups.map((g) => [g.colour, `${g.short} ${g.cluster ? g.cluster.recommendation : ""}`])
      : [["#475467", "crate (modules inside are coloured by cluster)"]];
    for (const [c, label] of items) lg.append(el("span", {}, el("span", { class: "sw", style: `background:${c}` }), label));
    lg.append(el("span", {}, el("span", { class: "sw", style: "background:#b42318" }), "dependency in a cycle"));
    if (findings.some((f) => f.rule === "hidden-coupling")) {
      lg.append(el("span", {}, el("span", { class: "sw", style: "background:#7a5af8" }), "dashed: change together, no dependency (hidden-coupling)"));
    }
    lg.append(el("span", { text: "edge thickness: dependency weight (references)" }));
  }

  function highlight() {
    const id = selected ? (selected.kind === "group" ? `g${selected.index}` : `m${selected.index}`) : null;
    for (const n of viewport.querySelectorAll(".node")) n.classList.toggle("selected", n.dataset.id === id);
    for (const e of viewport.querySelectorAll(".edge")) {
      const touches = id && (e.dataset.a === id || e.dataset.b === id);
      e.classList.toggle("hot", !!touches);
      e.classList.toggle("dim", !!id && !touches);
    }
  }

  function toggle(gi) {
    if (expanded.has(gi)) expanded.delete(gi); else expanded.add(gi);
    separate(200);
    render();
  }

  function applyView() {
    viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.k})`);
  }
  function fit() {
    const box = svgRoot.getBoundingClientRect();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    groups.forEach((g, gi) => {
      const r = groupRadius(gi) + 40;
      minX = Math.min(minX, g.x - r - 90); maxX = Math.max(maxX, g.x + r + 90);
      minY = Math.min(minY, g.y - r); maxY = Math.max(maxY, g.y + r);
    });
    if (!isFinite(minX)) return;
    const w = box.width || 800, h = box.height || 600;
    view.k = Math.min(1.2, w / (maxX - minX), h / (maxY - minY));
    view.x = w / 2 - view.k * (minX + maxX) / 2;
    view.y = h / 2 - view.k * (minY + maxY) / 2;
    applyView();
  }
  svgRoot.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const box = svgRoot.getBoundingClientRect();
    const cx = ev.clientX - box.left, cy = ev.clientY - box.top;
    const k = Math.max(0.02, Math.min(20, view.k * Math.exp(-ev.deltaY * 0.0015)));
    view.x = cx - ((cx - view.x) * k) / view.k;
    view.y = cy - ((cy - view.y) * k) / view.k;
    view.k = k;
    applyView();
  }, { passive: false });
  let drag = null;
  svgRoot.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; svgRoot.classList.add("panning"); }
    view.x = drag.vx + dx; view.y = drag.vy + dy;
    applyView();
  });
  window.addEventListener("pointerup", () => { drag = null; svgRoot.classList.remove("panning"); });
  svgRoot.addEventListener("click", () => { if (selected) { selected = null; highlight(); } });

  for (const r of document.querySelectorAll("input[name=group]")) {
    r.addEventListener("change", () => { mode = r.value; selected = null; buildGroups(); render(); fit(); });
  }
  document.getElementById("expand-all").addEventListener("click", () => {
    groups.forEach((_, gi) => expanded.add(gi));
    separate(300); render(); fit();
  });
  document.getElementById("collapse-all").addEventListener("click", () => {
    expanded.clear(); layoutGroups(); render(); fit();
  });
  document.getElementById("fit").addEventListener("click", fit);
  // Suggestions while typing (a few thousand paths at most, to keep the page light).
  const suggestions = document.getElementById("module-paths");
  for (const m of mods.slice(0, 5000)) suggestions.append(el("option", { value: m.path }));
  document.getElementById("search").addEventListener("change", (ev) => {
    const q = ev.target.value.trim();
    if (!q) return;
    const m = mods.findIndex((x) => x.path === q) >= 0 ? mods.findIndex((x) => x.path === q) : mods.findIndex((x) => x.path.includes(q));
    if (m < 0) return;
    showModule(m);
  });

  // Expands a module's group if needed, selects it and centres the view on it.
  function showModule(m) {
    const gi = groupOfMod[m];
    if (!expanded.has(gi)) { expanded.add(gi); separate(200); render(); }
    select({ kind: "module", index: m });
    const p = modulePositions().get(m);
    const box = svgRoot.getBoundingClientRect();
    view.k = Math.max(view.k, 1.2);
    view.x = box.width / 2 - view.k * p.x; view.y = box.height / 2 - view.k * p.y;
    applyView();
    svgRoot.scrollIntoView({ block: "nearest" });
  }

  // ---------------------------------------------------------------- details panel
  function link(text, onclick) { return el("a", { onclick, text }); }
  function reasonsList(c) {
    return el("ul", {}, ...(c.reasons || []).map((r) => el("li", {}, ...rich(r.message),
      el("span", { class: "muted", text: ` (${r.rule}: ${r.metric} ${fmt(r.value)} vs ${fmt(r.threshold)})` }))));
  }
  function depTable(list, pick) {
    const rows = list.slice().sort((a, b) => b.weight - a.weight).slice(0, 60).map((d) => {
      const other = pick(d);
      const kinds = kindsText(d);
      return el("tr", {}, el("td", {}, link(other, () => showModule(modIndex.get(other)))),
        el("td", { class: "num", text: d.weight }), el("td", { class: "muted", text: kinds }));
    });
    if (list.length > 60) rows.push(el("tr", {}, el("td", { class: "muted", text: `… ${list.length - 60} more` })));
    return el("table", {}, ...rows);
  }
  function clusterSummary(c) {
    if (!c) return el("p", { class: "muted", text: "Shared kernel: used from most of the codebase, it stays with whichever part needs it (a library, not a service)." });
    return el("div", {}, el("p", {}, el("span", { class: `badge ${c.recommendation}`, text: c.recommendation }), " ",
      link(`cluster #${c.id} ${c.name}`, () => document.getElementById(`cluster-${c.id}`).scrollIntoView())),
    reasonsList(c));
  }
  function select(sel) {
    selected = sel;
    highlight();
    details.textContent = "";
    const add = (...xs) => details.append(...xs.filter((x) => x !== null && x !== undefined));
    if (sel.kind === "module") {
      const m = mods[sel.index];
      const items = Object.entries(m.items || {}).map(([k, v]) => `${k} ${v}`).join(", ") || "none";
      const state = (m.state || []).map((x) => (typeof x === "string" ? x : `${x.name} (${x.kind})`)).join(", ");
      const ci = modCluster[sel.index];
      add(
        el("h3", { text: m.path }),
        el("p", { class: "muted" }, `${m.crate} · `, el("code", { text: `${m.file}:${m.line}` })),
        el("p", {}, `${fmt(m.loc)} lines · ${m.public_items} public items · items: ${items}`),
        state ? el("p", {}, "state: ", el("code", { text: state })) : null,
        m.changes !== null && m.changes !== undefined
          ? el("p", {}, `changed in ${plural(m.changes, "commit")} (volatility ${fmt(m.volatility)}) by ${plural(m.authors, "author")}; main author's share ${fmt(m.main_author_share)}`)
          : null,
        el("p", { class: "sub", text: "Its cluster" }),
        clusterSummary(ci === kernelKey ? null : clusters[ci]),
        el("p", { class: "sub", text: `Depends on (${out[sel.index].length})` }),
        depTable(out[sel.index], (d) => d.to),
        el("p", { class: "sub", text: `Used by (${inc[sel.index].length})` }),
        depTable(inc[sel.index], (d) => d.from));
    } else {
      const g = groups[sel.index];
      details.append(el("h3", { text: g.label }),
        el("p", {}, `${plural(g.members.length, "module")} · ${fmt(g.loc)} lines`),
        el("p", {}, el("button", { type: "button", onclick: () => toggle(sel.index), text: expanded.has(sel.index) ? "Collapse" : "Expand" })));
      if (mode === "cluster") {
        details.append(clusterSummary(g.cluster));
        if (g.cluster) details.append(priceBlock(g.cluster));
        if (g.cluster && g.cluster.ownership) details.append(ownershipBlock(g.cluster.ownership));
      } else {
        const cs = new Map();
        for (const m of g.members) cs.set(modCluster[m], (cs.get(modCluster[m]) || 0) + 1);
        details.append(el("p", { class: "sub", text: "Modules by cluster" }),
          el("ul", {}, ...[...cs.entries()].sort((a, b) => b[1] - a[1]).map(([ci, n]) =>
            el("li", {}, el("span", { class: "sw", style: `background:${clusterColour(ci)};display:inline-block;width:10px;height:10px;margin-right:4px` }),
              ci === kernelKey ? "shared kernel" : `#${clusters[ci].id} ${clusters[ci].name} (${clusters[ci].recommendation})`, `: ${n}`))));
      }
      details.append(el("p", { class: "sub", text: "Modules" }),
        el("ul", {}, ...g.members.slice(0, 200).map((m) => el("li", {}, link(mods[m].path, () => showModule(m))))));
    }
  }

  // ---------------------------------------------------------------- cluster cards
  function priceBlock(c) {
    const p = c.price || {};
    const list = (xs) => (xs && xs.length ? el("ul", {}, ...xs.slice(0, 12).map((x) => el("li", {}, el("code", { text: typeof x === "string" ? x : JSON.stringify(x) }))),
      xs.length > 12 ? el("li", { class: "muted", text: `… ${xs.length - 12} more` }) : null) : el("span", { class: "muted", text: " none" }));
    return el("div", {},
      el("p", { class: "sub", text: "Price of the boundary" }),
      el("div", { class: "figures" },
        el("span", { text: "calls that would cross it" }), el("b", { text: fmt(p.remote_calls ?? 0) }),
        el("span", { text: "references that would cross it" }), el("b", { text: fmt(p.remote_references ?? 0) }),
        el("span", { text: "references to plain libraries (linked on both sides)" }), el("b", { text: fmt(p.library_references ?? 0) }),
        el("span", { text: "clusters that call it" }), el("b", { text: (p.client_clusters || []).map((x) => `#${x}`).join(", ") || "none" }),
        el("span", { text: "clusters it depends on" }), el("b", { text: fmt(p.dependencies ?? 0) }),
        el("span", { text: "service cohesion" }), el("b", { text: fmt(p.service_cohesion ?? 0) })),
      el("div", {}, el("span", { class: "muted", text: "entry points:" }), list(p.entry_points)),
      el("div", {}, el("span", { class: "muted", text: "types crossing it:" }), list(p.crossing_types)),
      el("div", {}, el("span", { class: "muted", text: "shared state:" }), list(p.shared_state)));
  }
  function ownershipBlock(o) {
    return el("div", {},
      el("p", { class: "sub", text: "History and ownership" }),
      el("div", { class: "figures" },
        el("span", { text: "commits that changed it" }), el("b", { text: fmt(o.changes) }),
        el("span", { text: "authors" }), el("b", { text: fmt(o.authors) }),
        el("span", { text: "main author's share" }), el("b", { text: fmt(o.main_author_share) }),
        el("span", { text: "share by people who work mostly here" }), el("b", { text: fmt(o.own_team_share) }),
        el("span", { text: "commits that also change another cluster" }), el("b", { text: `${Math.round(o.crossing_share * 100)}%` })),
      o.owners ? el("ul", {}, ...o.owners.slice(0, 10).map((w) => el("li", {}, `${w.author}: ${Math.round(w.share * 100)}%`))) : null);
  }
  const cards = document.getElementById("cards");
  clusters.forEach((c, i) => {
    const fs = findingsFor(c);
    const m = c.metrics || {};
    const card = el("div", { class: "card" + (fs.some((f) => f.severity !== "note") ? " has-warning" : ""), id: `cluster-${c.id}`, style: `border-top-color:${colour(i)}` },
      el("h3", {}, el("span", { class: `badge ${c.recommendation}`, text: c.recommendation }), " ", `#${c.id} ${c.name}`),
      el("div", { class: "muted" }, `${plural(m.modules ?? c.modules.length, "module")} · ${m.loc === undefined ? "?" : fmt(m.loc)} lines · crates: ${(c.crates || []).join(", ")} · `,
        link("show in graph", () => {
          if (mode !== "cluster") { document.querySelector("input[value=cluster]").click(); }
          const gi = groups.findIndex((g) => g.cluster === c);
          if (gi >= 0) { select({ kind: "group", index: gi }); svgRoot.scrollIntoView(); }
        })),
      fs.length ? el("div", {}, ...fs.map(findingBox)) : null,
      el("p", { class: "sub", text: "Why" }), reasonsList(c),
      priceBlock(c),
      c.ownership ? ownershipBlock(c.ownership) : null,
      el("p", { class: "sub", text: "Metrics" }),
      el("div", { class: "figures" }, ...["cohesion", "conductance", "instability", "fan_in", "fan_out", "ca", "ce"]
        .filter((k) => m[k] !== undefined).flatMap((k) => [el("span", { text: k }), el("b", { text: fmt(m[k]) })])));
    cards.append(card);
  });
  if ((data.kernel || []).length) {
    cards.append(el("div", { class: "card", style: `border-top-color:${KERNEL_COLOUR}` },
      el("h3", { text: "Shared kernel" }),
      el("p", { class: "muted", text: "Modules used from most of the codebase; they go with every service as a library." }),
      el("ul", {}, ...data.kernel.slice(0, 30).map((k) => el("li", {}, el("code", { text: k.module }), ` used by ${k.users} modules`)))));
  }
  if (clusters.length === 0) cards.append(el("p", { class: "muted", text: "No clusters." }));

  // ---------------------------------------------------------------- DSM
  const canvas = document.getElementById("dsm");
  const tip = document.getElementById("dsm-tip");
  // The tooltip of a matrix of `count` × `count` cells of `cell` pixels; `text(row, col)`.
  function hoverCells(cell, count, text) {
    canvas.addEventListener("mousemove", (ev) => {
      const box = canvas.getBoundingClientRect();
      const c = Math.floor((ev.clientX - box.left) / cell), r = Math.floor((ev.clientY - box.top) / cell);
      if (r < 0 || c < 0 || r >= count || c >= count) { tip.hidden = true; return; }
      tip.textContent = text(r, c);
      tip.hidden = false;
      tip.style.left = `${ev.clientX - box.left + 16 + canvas.offsetLeft}px`;
      tip.style.top = `${ev.clientY - box.top + 12 + canvas.offsetTop}px`;
    });
    canvas.addEventListener("mouseleave", () => { tip.hidden = true; });
  }
  const order = [];
  clusters.forEach((c, i) => {
    const ms = mods.map((_, k) => k).filter((k) => modCluster[k] === i);
    order.push(...ms);
  });
  order.push(...mods.map((_, k) => k).filter((k) => modCluster[k] === kernelKey));
  const n = order.length;
  const MAX_CELLS = 3000;
  const dsmLegend = document.getElementById("dsm-legend");
  const rank = new Int32Array(mods.length);
  order.forEach((m, r) => { rank[m] = r; });
  let inside = 0, cut = 0, cyc = 0;
  for (const d of deps) {
    if (inCycle(d)) cyc++;
    if (modCluster[d.f] === modCluster[d.t]) inside++; else cut++;
  }
  const sw = (c, label) => el("span", {}, el("span", { class: "sw", style: `background:${c}` }), label);
  dsmLegend.append(sw("#1d3a6e", `${plural(inside, "dependency", "dependencies")} inside a cluster`),
    sw("#e8590c", `${cut} crossing clusters (the cut)`), sw("#b42318", `${cyc} in a cycle`));
  if (n === 0) {
    canvas.hidden = true;
  } else if (n > MAX_CELLS) {
    // Too many modules for a cell each: one row and column per cluster, the shade of a cell
    // by the weight of the dependencies from the row's cluster to the column's.
    dsmLegend.append(el("span", { text: `${n} modules: one row per cluster (darker: more references); the graph shows the modules.` }));
    const k = clusters.length + 1;
    const w = new Map();
    let maxW = 1;
    for (const d of deps) {
      const key = modCluster[d.f] * k + modCluster[d.t];
      const v = (w.get(key) || 0) + d.weight;
      w.set(key, v);
      if (modCluster[d.f] !== modCluster[d.t]) maxW = Math.max(maxW, v);
    }
    const cell = Math.max(2, Math.min(14, Math.floor(900 / k)));
    const size = k * cell;
    canvas.width = size; canvas.height = size;
    canvas.style.width = `${size}px`; canvas.style.height = `${size}px`;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, size, size);
    for (let r = 0; r < k; r++) {
      ctx.globalAlpha = 0.35; ctx.fillStyle = clusterColour(r);
      ctx.fillRect(r * cell, r * cell, cell, cell);
      ctx.globalAlpha = 1;
    }
    for (const [key, v] of w) {
      const r = Math.floor(key / k), c = key % k;
      if (r === c) continue;
      ctx.globalAlpha = 0.2 + 0.8 * Math.log(1 + v) / Math.log(1 + maxW);
      ctx.fillStyle = "#e8590c";
      ctx.fillRect(c * cell, r * cell, cell, cell);
    }
    ctx.globalAlpha = 1;
    const label = (ci) => (ci === kernelKey ? "shared kernel" : `#${clusters[ci].id} ${clusters[ci].name}`);
    hoverCells(cell, k, (r, c) => `${label(r)} → ${label(c)}: weight ${w.get(r * k + c) || 0}`);
  } else {
    const cell = n <= 60 ? 12 : n <= 150 ? 6 : n <= 400 ? 3 : n <= 1200 ? 2 : 1;
    const size = n * cell;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = size * dpr; canvas.height = size * dpr;
    canvas.style.width = `${size}px`; canvas.style.height = `${size}px`;
    const ctx = canvas.getContext("2d");
    ctx.scale(dpr, dpr);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, size, size);
    // Diagonal blocks: one per cluster, tinted with its colour.
    let start = 0;
    while (start < n) {
      const ci = modCluster[order[start]];
      let end = start;
      while (end < n && modCluster[order[end]] === ci) end++;
      ctx.globalAlpha = 0.18; ctx.fillStyle = clusterColour(ci);
      ctx.fillRect(start * cell, start * cell, (end - start) * cell, (end - start) * cell);
      ctx.globalAlpha = 1; ctx.strokeStyle = clusterColour(ci); ctx.lineWidth = 1;
      ctx.strokeRect(start * cell + 0.5, start * cell + 0.5, (end - start) * cell - 1, (end - start) * cell - 1);
      start = end;
    }
    for (const d of deps) {
      ctx.fillStyle = inCycle(d) ? "#b42318" : modCluster[d.f] === modCluster[d.t] ? "#1d3a6e" : "#e8590c";
      const pad = cell >= 6 ? 1 : 0;
      ctx.fillRect(rank[d.t] * cell + pad, rank[d.f] * cell + pad, cell - 2 * pad, cell - 2 * pad);
    }
    const at = new Map(deps.map((d) => [rank[d.f] * n + rank[d.t], d]));
    hoverCells(cell, n, (r, c) => {
      const d = at.get(r * n + c);
      const a = mods[order[r]].path, b = mods[order[c]].path;
      return d
        ? `${a} → ${b}: weight ${d.weight} (${kindsText(d)})${inCycle(d) ? ", in a cycle" : ""}${modCluster[d.f] !== modCluster[d.t] ? ", crosses clusters" : ""}`
        : `${a} · ${b}`;
    });
    canvas.addEventListener("click", (ev) => {
      const box = canvas.getBoundingClientRect();
      const r = Math.floor((ev.clientY - box.top) / cell);
      if (r >= 0 && r < n) showModule(order[r]);
    });
  }

  // ---------------------------------------------------------------- history
  const hb = document.getElementById("history-body");
  const hist = s.history || {};
  if (hist.status !== "read") {
    hb.append(el("p", { class: "muted" }, "No history used: ", ...rich(hist.reason || "not read"), "."));
  } else {
    hb.append(el("p", {}, `${plural(hist.commits, "commit")} from ${hist.first || "?"} to ${hist.last || "?"} by ${plural(hist.authors, "author")}` +
      ` (${hist.commits_read} read since ${hist.since}; ${hist.skipped_large} left out as too large` +
      `${hist.truncated ? `; stopped at ${hist.max_commits}` : ""}${hist.shallow ? "; shallow clone" : ""}).`));
    const volatile = mods.map((m, i) => [m, i]).filter(([m]) => m.changes).sort((a, b) => b[0].changes - a[0].changes || a[0].path.localeCompare(b[0].path)).slice(0, 15);
    if (volatile.length) {
      hb.append(el("p", { class: "sub", text: "Most changed modules" }),
        el("table", { class: "plain" }, el("tr", {}, el("th", { text: "module" }), el("th", { text: "commits" }), el("th", { text: "authors" }), el("th", { text: "main author" })),
          ...volatile.map(([m, i]) => el("tr", {}, el("td", {}, link(m.path, () => showModule(i))), el("td", { class: "num", text: m.changes }),
            el("td", { class: "num", text: m.authors }), el("td", { class: "num", text: `${Math.round(m.main_author_share * 100)}%` })))));
    }
    const pairs = (data.change_coupling || []).slice(0, 20);
    if (pairs.length) {
      hb.append(el("p", { class: "sub", text: "Modules that change together" }),
        el("table", { class: "plain" }, el("tr", {}, el("th", { text: "modules" }), el("th", { text: "together" }), el("th", { text: "degree" }), el("th", { text: "dependency" }), el("th", { text: "clusters" })),
          ...pairs.map((p) => {
            const a = modIndex.get(p.a), b = modIndex.get(p.b);
            const same = a !== undefined && b !== undefined && modCluster[a] === modCluster[b];
            return el("tr", {}, el("td", {}, link(p.a, () => showModule(a)), " ↔ ", link(p.b, () => showModule(b))),
              el("td", { class: "num", text: p.shared }), el("td", { class: "num", text: fmt(p.degree) }),
              el("td", { text: p.static_dependency ? "yes" : "none (hidden)" }), el("td", { text: same ? "same" : "different" }));
          })));
    }
  }

  // ---------------------------------------------------------------- diagnostics
  const dl = document.getElementById("diagnostics-list");
  const diags = data.diagnostics || [];
  if (diags.length === 0) dl.append(el("p", { class: "muted", text: "None: every file was read and parsed." }));
  for (const d of diags.slice(0, 500)) {
    dl.append(el("div", { class: "diag" }, `${d.file}:${d.line}:${d.column || 1}: ${d.severity} [${d.code}] `, ...rich(d.message)));
  }
  // The page embeds the first 500; the summary counts them all.
  const moreDiags = Math.max(diags.length, s.diagnostics || 0) - Math.min(diags.length, 500);
  if (moreDiags > 0) dl.append(el("p", { class: "muted", text: `… ${moreDiags} more (see --format json)` }));

  buildGroups();
  render();
  fit();
  document.documentElement.dataset.state = "ready";
})();

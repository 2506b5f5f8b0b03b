// ranvier's GUI renderer: NEURON's panels, boxes, graphs and shape plots drawn from the
// widget model's JSON (library/graphics/model.py).  One module for the browser page
// (index.html: Server-Sent Events in, POST out) and for Jupyter (anywidget: the default
// export).  Plain ES module, no build step, no external files.

const SVGNS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  return e;
}

function num(v) {
  if (typeof v === "number") return v;
  if (v === "nan" || v === "NaN") return NaN;
  if (v === "inf") return Infinity;
  if (v === "-inf") return -Infinity;
  return Number(v);
}

function fmt(v) {
  const x = num(v);
  if (!Number.isFinite(x)) return String(v);
  return String(Number(x.toPrecision(6)));   // NEURON's field editors show %g
}

function niceTicks(lo, hi, n) {
  if (!(hi > lo)) return [lo];
  const span = hi - lo, step0 = span / n;
  const mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const r = step0 / mag;
  const step = (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

export class App {
  constructor(root, transport, only) {
    this.root = root;
    this.send = transport.send;
    this.only = only || null;
    this.wins = {};
    this.top = [];
    this.progress = null;
    this.graphs = {};      // graph id -> drawing state (for appends)
    root.classList.add("ranvier-gui");
    this.header = el("div", { class: "rg-header" });
    this.cards = el("div", { class: "rg-cards" });
    this.output = el("pre", { class: "rg-output" });
    if (!this.only) root.append(this.header);
    root.append(this.cards, this.output);
    this.renderHeader();
  }

  handle(msg) {
    if (!msg || !msg.op) return;
    const f = this["op_" + msg.op];
    if (f) f.call(this, msg);
  }

  op_reset(msg) {
    this.wins = msg.windows || {};
    this.top = msg.top || [];
    this.progress = msg.progress || null;
    this.renderAll();
    this.renderHeader();
  }

  op_window(msg) {
    const w = msg.win;
    this.wins[w.id] = w;
    for (const old of this.root.querySelectorAll(`[data-wid="${w.id}"]`)) {
      const topLevel = old.classList.contains("rg-top");
      old.replaceWith(this.renderWindow(w.id, topLevel));
    }
    // a box that shows this window changed too: it is re-sent by the model
  }

  op_top(msg) {
    this.top = msg.ids || [];
    this.renderAll();
  }

  op_values(msg) {
    for (const [id, v] of Object.entries(msg.values)) {
      for (const e of this.root.querySelectorAll(`[data-item="${id}"]`)) this.showValue(e, v);
      this.setItemValue(id, v);
    }
  }

  op_graph(msg) {
    const w = this.wins[msg.id];
    if (!w) return;
    for (const [lid, xs, ys] of msg.append) {
      const line = w.lines.find((l) => l.id === lid);
      if (!line) continue;
      line.x.push(...xs);
      line.y.push(...ys);
    }
    for (const g of this.root.querySelectorAll(`svg[data-graph="${msg.id}"]`)) this.drawGraph(g, w, msg.append);
  }

  op_shape(msg) {
    const w = this.wins[msg.id];
    if (!w) return;
    w.values = msg.values;
    for (const s of this.root.querySelectorAll(`svg[data-shape="${msg.id}"]`)) this.colorShape(s, w);
  }

  op_progress(msg) {
    this.progress = msg;
    this.renderHeader();
  }

  op_output(msg) {
    this.output.textContent += msg.text;
    this.output.style.display = this.output.textContent ? "block" : "none";
  }

  // ---------------------------------------------------------------- layout
  renderHeader() {
    if (this.only) return;
    const p = this.progress;
    const frac = p && num(p.tstop) > 0 ? Math.min(1, Math.max(0, num(p.t) / num(p.tstop))) : 0;
    this.header.replaceChildren(
      el("span", { class: "rg-brand", text: "ranvier" }),
      el("span", { class: "rg-status", text: p && p.running ? `running: t = ${fmt(p.t)} / ${fmt(p.tstop)} ms` : "" }),
      el("span", { class: "rg-progress" + (p && p.running ? " rg-running" : "") },
        el("span", { class: "rg-progress-bar", style: `width:${(100 * frac).toFixed(1)}%` })),
    );
  }

  renderAll() {
    const ids = this.only ? [this.only] : this.top;
    this.cards.replaceChildren(...ids.filter((id) => this.wins[id]).map((id) => this.renderWindow(id, true)));
    if (!ids.length && !this.only) this.cards.append(el("div", { class: "rg-empty", text: "No windows yet." }));
  }

  renderWindow(id, topLevel) {
    const w = this.wins[id];
    if (!w) return el("div", { class: "rg-missing", "data-wid": id });
    const body = this.renderBody(w);
    if (!topLevel) return el("div", { class: `rg-inner rg-kind-${w.kind}`, "data-wid": id }, body);
    const close = el("button", { class: "rg-close", title: "Close", text: "×",
      onclick: () => this.send({ win: id, action: "close" }) });
    return el("div", { class: `rg-card rg-top rg-kind-${w.kind}`, "data-wid": id },
      el("div", { class: "rg-title" }, el("span", { text: w.title || w.kind }), close), body);
  }

  renderBody(w) {
    switch (w.kind) {
      case "panel": return this.renderPanel(w);
      case "hbox": case "vbox":
        return el("div", { class: `rg-box rg-${w.kind}-body` }, ...w.children.map((c) => this.renderWindow(c, false)));
      case "deck": {
        const c = w.children[w.current];
        return el("div", { class: "rg-box rg-deck-body" }, c ? this.renderWindow(c, false) : null);
      }
      case "graph": return this.renderGraph(w);
      case "shape": return this.renderShape(w);
      default: return el("div", { text: w.kind });
    }
  }

  // ---------------------------------------------------------------- panels
  renderPanel(w) {
    const bar = el("div", { class: "rg-menubar" });
    const body = el("div", { class: "rg-panel" + (w.horizontal ? " rg-horizontal" : "") });
    for (const it of w.items) {
      if (it.type === "menu" && it.menubar) bar.append(this.renderItem(it));
      else body.append(this.renderItem(it));
    }
    return bar.childNodes.length ? el("div", {}, bar, body) : body;
  }

  setItemValue(id, v) {
    const walk = (items) => {
      for (const it of items || []) {
        if (it.id === id) it.value = v;
        walk(it.items);
      }
    };
    for (const w of Object.values(this.wins)) if (w.kind === "panel") walk(w.items);
  }

  showValue(e, v) {
    if (e.type === "checkbox") e.checked = !!num(v);
    else if (e.classList.contains("rg-state")) e.classList.toggle("rg-on", !!num(v));
    else if (e.type === "range") { if (document.activeElement !== e) e.value = num(v); }
    else if (e.tagName === "INPUT") { if (document.activeElement !== e) e.value = fmt(v); }
    else e.textContent = typeof v === "string" ? v : fmt(v);
    const row = e.closest(".rg-value");
    if (row && row.dataset.default !== undefined) {
      row.classList.toggle("rg-changed", fmt(row.dataset.default) !== fmt(v));
    }
  }

  renderItem(it) {
    const send = (action, value) => this.send({ item: it.id, action, value });
    switch (it.type) {
      case "label": return el("div", { class: "rg-label", text: it.text });
      case "varlabel": return el("div", { class: "rg-label rg-varlabel", "data-item": it.id, text: it.value ?? it.text });
      case "button": case "menuitem":
        return el("button", { class: "rg-button" + (it.role ? " rg-" + it.role : ""), "data-item": it.id,
          "data-role": it.role, text: it.text, onclick: () => send("press") });
      case "value": case "fixedvalue": {
        const fixed = it.type === "fixedvalue";
        const input = el("input", { type: "text", class: "rg-number", "data-item": it.id, value: fmt(it.value),
          readonly: fixed, "aria-label": it.text, spellcheck: "false" });
        if (!fixed) {
          const commit = () => send("set", input.value);
          input.addEventListener("change", commit);
          input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); input.blur(); } });
        }
        const label = it.canrun
          ? el("button", { class: "rg-button rg-canrun", text: it.text, onclick: () => send("press") })
          : el("span", { class: "rg-prompt", text: it.text });
        const row = el("div", { class: "rg-value" + (it.updated ? " rg-updated" : "") }, label, input,
          it.units ? el("span", { class: "rg-units", text: `(${it.units})` }) : null);
        if (it.default !== undefined) {
          row.dataset.default = it.default;
          row.prepend(el("span", { class: "rg-deflt", title: "changed from its first value" }));
          row.classList.toggle("rg-changed", fmt(it.default) !== fmt(it.value));
        }
        return row;
      }
      case "checkbox": {
        const box = el("input", { type: "checkbox", "data-item": it.id, onchange: (e) => send("toggle", e.target.checked ? 1 : 0) });
        box.checked = !!num(it.value);
        return el("label", { class: "rg-check" }, box, el("span", { text: it.text }));
      }
      case "statebutton": {
        const b = el("button", { class: "rg-button rg-state" + (num(it.value) ? " rg-on" : ""), "data-item": it.id, text: it.text,
          onclick: () => send("toggle", b.classList.contains("rg-on") ? 0 : 1) });
        return b;
      }
      case "radio":
        return el("button", { class: "rg-button rg-radio" + (it.selected ? " rg-on" : ""), "data-item": it.id,
          text: it.text, onclick: () => send("select") });
      case "menu": {
        const d = el("details", { class: "rg-menu" + (it.menubar ? " rg-menubar-item" : "") },
          el("summary", { text: it.text }),
          el("div", { class: "rg-menu-items" }, ...(it.items || []).map((c) => this.renderItem(c))));
        if (it.dynamic) d.addEventListener("toggle", () => { if (d.open) send("press"); });
        return d;
      }
      case "slider": {
        const r = el("input", { type: "range", class: "rg-slider" + (it.vertical ? " rg-vertical" : ""), "data-item": it.id,
          min: it.low, max: it.high, step: (num(it.high) - num(it.low)) / 100, value: num(it.value) });
        let pending = null;
        r.addEventListener("input", () => {
          if (pending) return;
          pending = setTimeout(() => { pending = null; send("set", r.value); }, 50);
        });
        r.addEventListener("change", () => send("set", r.value));
        return el("div", { class: "rg-slider-row" }, r);
      }
      default: return el("div", { text: it.text });
    }
  }

  // ---------------------------------------------------------------- graphs
  renderGraph(w) {
    const s = svg("svg", { class: "rg-graph", width: 400, height: 260, viewBox: "0 0 400 260", "data-graph": w.id });
    this.drawGraph(s, w, null);
    return s;
  }

  graphScale(w) {
    let [x0, x1, y0, y1] = w.size || [Infinity, -Infinity, Infinity, -Infinity];
    if (!w.size) {
      for (const l of w.lines) {
        for (const v of l.x) { const x = num(v); if (x < x0) x0 = x; if (x > x1) x1 = x; }
        for (const v of l.y) { const y = num(v); if (y < y0) y0 = y; if (y > y1) y1 = y; }
      }
      for (const m of w.marks) { x0 = Math.min(x0, m.x); x1 = Math.max(x1, m.x); y0 = Math.min(y0, m.y); y1 = Math.max(y1, m.y); }
      if (!Number.isFinite(x0)) [x0, x1, y0, y1] = [0, 1, 0, 1];
      if (x1 === x0) x1 = x0 + 1;
      if (y1 === y0) { y0 -= 1; y1 += 1; }
      const pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
    }
    return [x0, x1, y0, y1];
  }

  drawGraph(s, w, appended) {
    const W = 400, H = 260, L = 48, R = 10, T = 10, B = 28;
    const scale = this.graphScale(w);
    const key = scale.join(",");
    const st = (s._rg = s._rg || {});
    const [x0, x1, y0, y1] = scale;
    const px = (x) => L + ((num(x) - x0) / (x1 - x0)) * (W - L - R);
    const py = (y) => T + (1 - (num(y) - y0) / (y1 - y0)) * (H - T - B);
    const pts = (xs, ys, from) => {
      let out = "";
      for (let i = from; i < xs.length; i++) {
        const X = px(xs[i]), Y = py(ys[i]);
        if (Number.isFinite(X) && Number.isFinite(Y)) out += `${X.toFixed(1)},${Y.toFixed(1)} `;
      }
      return out;
    };
    if (appended && st.key === key) {           // only new points: extend the polylines
      for (const [lid] of appended) {
        const line = w.lines.find((l) => l.id === lid);
        const p = s.querySelector(`polyline[data-line="${lid}"]`);
        if (!line || !p) { st.key = null; return this.drawGraph(s, w, null); }
        const have = Number(p.dataset.n);
        p.setAttribute("points", p.getAttribute("points") + pts(line.x, line.y, have));
        p.dataset.n = line.x.length;
      }
      return;
    }
    st.key = key;
    s.replaceChildren();
    s.append(svg("rect", { x: L, y: T, width: W - L - R, height: H - T - B, class: "rg-plotarea" }));
    for (const t of niceTicks(x0, x1, 5)) {
      const X = px(t);
      s.append(svg("line", { x1: X, x2: X, y1: H - B, y2: H - B + 4, class: "rg-tick" }));
      const lab = svg("text", { x: X, y: H - B + 16, class: "rg-ticklabel", "text-anchor": "middle" });
      lab.textContent = fmt(t); s.append(lab);
    }
    for (const t of niceTicks(y0, y1, 4)) {
      const Y = py(t);
      s.append(svg("line", { x1: L - 4, x2: L, y1: Y, y2: Y, class: "rg-tick" }));
      const lab = svg("text", { x: L - 6, y: Y + 4, class: "rg-ticklabel", "text-anchor": "end" });
      lab.textContent = fmt(t); s.append(lab);
    }
    const clip = `rgclip-${w.id}`;
    const defs = svg("defs");
    const cp = svg("clipPath", { id: clip });
    cp.append(svg("rect", { x: L, y: T, width: W - L - R, height: H - T - B }));
    defs.append(cp); s.append(defs);
    const g = svg("g", { "clip-path": `url(#${clip})` });
    for (const l of w.lines) {
      const p = svg("polyline", { points: pts(l.x, l.y, 0), fill: "none", stroke: l.color, "stroke-width": l.width,
        "data-line": l.id, class: "rg-line" });
      p.dataset.n = l.x.length;
      g.append(p);
    }
    for (const m of w.marks) {
      const X = px(m.x), Y = py(m.y), r = m.size / 3;
      const filled = "OST".includes(m.style);
      let shape;
      if ("oO".includes(m.style)) shape = svg("circle", { cx: X, cy: Y, r });
      else if ("sS".includes(m.style)) shape = svg("rect", { x: X - r, y: Y - r, width: 2 * r, height: 2 * r });
      else if ("tT".includes(m.style)) shape = svg("polygon", { points: `${X},${Y - r} ${X - r},${Y + r} ${X + r},${Y + r}` });
      else shape = svg("path", { d: m.style === "|" ? `M${X},${Y - r}V${Y + r}` : m.style === "-" ? `M${X - r},${Y}H${X + r}`
        : `M${X - r},${Y}H${X + r}M${X},${Y - r}V${Y + r}` });
      shape.setAttribute("stroke", m.color);
      shape.setAttribute("fill", filled ? m.color : "none");
      shape.setAttribute("class", "rg-mark");
      g.append(shape);
    }
    s.append(g);
    let ly = T + 14;
    for (const v of w.vars) {
      const t = svg("text", { x: W - R - 4, y: ly, "text-anchor": "end", fill: v.color, class: "rg-legend" });
      t.textContent = v.label; s.append(t); ly += 13;
    }
    for (const lb of w.labels) {
      const inView = lb.x >= 0 && lb.x <= 1 && lb.y >= 0 && lb.y <= 1;
      const X = inView ? L + lb.x * (W - L - R) : px(lb.x), Y = inView ? T + (1 - lb.y) * (H - T - B) : py(lb.y);
      const t = svg("text", { x: X, y: Y, fill: lb.color, class: "rg-glabel" });
      t.textContent = lb.text; s.append(t);
    }
  }

  // ---------------------------------------------------------------- shapes
  renderShape(w) {
    const W = 360, H = 300;
    const s = svg("svg", { class: "rg-shape", width: W + 60, height: H, viewBox: `0 0 ${W + 60} ${H}`, "data-shape": w.id });
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (const sg of w.segments) for (const [x, y] of sg.p) {
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    if (!Number.isFinite(x0)) { s.append(Object.assign(svg("text", { x: 10, y: 20 }), { textContent: "no sections" })); return s; }
    const pad = 12;
    const k = Math.min((W - 2 * pad) / Math.max(x1 - x0, 1e-9), (H - 2 * pad) / Math.max(y1 - y0, 1e-9));
    const ox = pad + (W - 2 * pad - k * (x1 - x0)) / 2, oy = pad + (H - 2 * pad - k * (y1 - y0)) / 2;
    const g = svg("g", { class: "rg-segments" });
    w.segments.forEach((sg, i) => {
      const points = sg.p.map(([x, y]) => `${(ox + (x - x0) * k).toFixed(2)},${(H - oy - (y - y0) * k).toFixed(2)}`).join(" ");
      const width = w.show === 0 ? Math.max(1, sg.d * k) : 1.5;
      const p = svg("polyline", { points, fill: "none", "stroke-width": width.toFixed(2), "stroke-linecap": "round",
        "data-seg": i, class: "rg-seg" });
      const title = svg("title"); title.textContent = `${sg.sec}(${fmt(sg.x)})`; p.append(title);
      g.append(p);
    });
    s.append(g);
    if (w.colored) {
      const n = w.colormap.length, bx = W + 18, bh = H - 60;
      w.colormap.forEach((c, i) => s.append(svg("rect", { x: bx, y: 30 + bh * (1 - (i + 1) / n), width: 14, height: bh / n + 0.5, fill: c })));
      const hi = svg("text", { x: bx + 7, y: 24, "text-anchor": "middle", class: "rg-ticklabel" }); hi.textContent = fmt(w.scale[1]);
      const lo = svg("text", { x: bx + 7, y: 30 + bh + 14, "text-anchor": "middle", class: "rg-ticklabel" }); lo.textContent = fmt(w.scale[0]);
      const vn = svg("text", { x: bx + 7, y: H - 6, "text-anchor": "middle", class: "rg-ticklabel" }); vn.textContent = w.variable;
      s.append(hi, lo, vn);
    }
    this.colorShape(s, w);
    return s;
  }

  colorShape(s, w) {
    const [lo, hi] = w.scale.map(num);
    const n = w.colormap.length;
    const segs = s.querySelectorAll("polyline.rg-seg");
    segs.forEach((p, i) => {
      let c = "black";
      if (w.fixed && w.fixed[i]) c = w.fixed[i];
      else if (w.colored && w.values && w.values[i] !== null && w.values[i] !== undefined) {
        const f = hi === lo ? 0.5 : (num(w.values[i]) - lo) / (hi - lo);
        c = w.colormap[Math.min(n - 1, Math.max(0, Math.floor(f * n)))];
      }
      p.setAttribute("stroke", c);
    });
  }
}

export function mount(root, transport, only) {
  return new App(root, transport, only);
}

// anywidget: one window (model "win") or all of them, same renderer as the page
export default {
  render({ model, el: root }) {
    const app = new App(root, { send: (ev) => model.send(ev) }, model.get("win") || null);
    app.handle(model.get("snapshot"));
    model.on("change:snapshot", () => app.handle(model.get("snapshot")));
    model.on("msg:custom", (msg) => app.handle(msg));
  },
};

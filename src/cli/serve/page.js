// blueprint serve: keeps a page in step with its file. Server-sent events say which blueprint
// changed; the page then asks for its state (diagnostics) and, when the file is valid, for its
// figure, and swaps them in: no reload, so the scroll position and the controls stay. When
// the server stops, a banner says so; when it comes back, the page catches up.
"use strict";
(function () {
  const body = document.body;
  const slug = body.dataset.slug;
  const stopped = document.getElementById("stopped");
  const controls = document.getElementById("controls");
  let shown = Number(body.dataset.version || 0);
  let busy = Promise.resolve();

  function query() {
    const q = new URLSearchParams();
    if (!controls) return q;
    const f = new FormData(controls);
    for (const k of ["theme", "phase", "steps"]) if (f.get(k)) q.set(k, f.get(k));
    const boxes = [...controls.querySelectorAll("input[name=lane]")];
    const on = boxes.filter((b) => b.checked).map((b) => b.value);
    if (on.length && on.length < boxes.length) q.set("lanes", on.join(","));
    return q;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The same markup pages.rs writes, built from the JSON with textContent only.
  function problems(status) {
    const box = document.getElementById("problems");
    box.replaceChildren();
    if (status.unreadable) box.append(el("p", "err", status.unreadable));
    if (!status.diagnostics.length) return;
    const ol = el("ol");
    ol.id = "diagnostics";
    for (const d of status.diagnostics) {
      const li = el("li", d.severity);
      li.append(el("span", "where", d.line + ":" + d.column), " ", el("code", "", d.code), " " + d.message);
      li.append(el("pre", "", d.lines.map(([n, t]) => String(n).padStart(5) + " | " + t + "\n").join("")));
      if (d.help) li.append(el("p", "help", "help: " + d.help));
      ol.append(li);
    }
    box.append(ol);
  }

  function options(status) {
    const phase = controls.elements.phase;
    const keep = phase.value;
    phase.replaceChildren(new Option("all", ""));
    for (const p of status.phases) phase.append(new Option(p.label, p.id));
    phase.value = status.phases.some((p) => p.id === keep) ? keep : "";
    const lanes = document.getElementById("lanes");
    const off = new Set([...lanes.querySelectorAll("input:not(:checked)")].map((b) => b.value));
    lanes.replaceChildren("Lanes ");
    for (const id of status.lanes) {
      const label = el("label");
      const box = el("input");
      box.type = "checkbox";
      box.name = "lane";
      box.value = id;
      box.checked = !off.has(id);
      label.append(box, " " + id);
      lanes.append(label, " ");
    }
  }

  async function figure() {
    const q = query();
    for (const a of document.querySelectorAll("#downloads a")) {
      const d = new URLSearchParams(q);
      d.set("download", "1");
      a.href = "/b/" + slug + "/figure." + a.dataset.format + "?" + d;
    }
    const r = await fetch("/b/" + slug + "/figure.svg?" + q);
    const out = document.getElementById("cut-error");
    if (r.status === 409) return; // no valid version yet: keep what is shown
    if (!r.ok) {
      out.textContent = await r.text();
      return;
    }
    out.textContent = "";
    document.getElementById("figure").innerHTML = await r.text();
  }

  async function refresh() {
    const status = await (await fetch("/b/" + slug + "/status.json")).json();
    problems(status);
    if (status.valid) {
      options(status);
      if (status.title) document.getElementById("title").textContent = status.title;
      await figure();
    }
    body.classList.toggle("stale", !status.valid);
    shown = status.version;
    body.dataset.version = String(shown);
  }

  function later(job) {
    busy = busy.then(job).catch(() => {});
  }

  async function index() {
    const html = await (await fetch("/")).text();
    const fresh = new DOMParser().parseFromString(html, "text/html").querySelector("main");
    if (fresh) document.querySelector("main").replaceWith(fresh);
  }

  if (controls) {
    controls.addEventListener("change", () => later(figure));
    controls.addEventListener("submit", (e) => {
      e.preventDefault();
      later(figure);
    });
  }

  const events = new EventSource("/events");
  events.addEventListener("change", (e) => {
    const d = JSON.parse(e.data);
    if (!slug) later(index);
    else if (d.slug === slug && d.version !== shown) later(refresh);
  });
  events.onopen = () => {
    if (!stopped.hidden) {
      stopped.hidden = true;
      later(slug ? refresh : index);
    }
  };
  events.onerror = () => {
    stopped.hidden = false;
  };
})();

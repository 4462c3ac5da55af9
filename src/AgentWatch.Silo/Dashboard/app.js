// The AgentWatch dashboard: plain browser JavaScript against the silo's own API, no library and no CDN.
"use strict";

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return node;
}

async function get(path) {
  const r = await fetch(path, { headers: { accept: "application/json" } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

function money(m) {
  if (!m) return "";
  const a = Number(m.amount), abs = Math.abs(a);
  const [d, s] = abs >= 1e12 ? [1e12, " trillion"] : abs >= 1e9 ? [1e9, " billion"] : abs >= 1e6 ? [1e6, " million"] : [1, ""];
  const sign = m.currency === "USD" ? "$" : m.currency + " ";
  return (a < 0 ? "−" : "") + sign + (abs / d).toLocaleString("en-US", { maximumFractionDigits: 2 }) + s;
}

function yearOf(period) {
  const m = /^FY(\d{4})$/.exec(period || "");
  return m ? Number(m[1]) : null;
}

function latest(signals, kind, pred) {
  return signals.filter((s) => s.kind === kind && (!pred || pred(s)))
    .sort((a, b) => (a.knownOn < b.knownOn ? 1 : a.knownOn > b.knownOn ? -1 : 0))[0];
}

async function loadWatchlist() {
  const companies = (await get("/companies")).filter((c) => c.listed !== false);
  const body = $("#watchlist tbody");
  body.replaceChildren();
  for (const c of companies) {
    let view;
    try { view = await get(`/companies/${encodeURIComponent(c.ticker)}`); } catch { continue; }
    const signals = view.snapshot.current;
    const years = signals.filter((s) => s.kind === "capex-guidance" && yearOf(s.period)).sort((a, b) => yearOf(b.period) - yearOf(a.period));
    const g = years[0];
    const guidanceText = (x) => x.amount ? money(x.amount) : x.low && x.high ? `${money(x.low)}–${money(x.high)}` : x.uncapped ? "no upper limit" : "";
    const guidance = g ? `${g.period}: ${guidanceText(g)}` : "";
    const capex = signals.filter((s) => s.kind === "capex" && yearOf(s.period)).sort((a, b) => yearOf(b.period) - yearOf(a.period))[0];
    const ocf = capex && signals.find((s) => s.kind === "operating-cash-flow" && s.period === capex.period);
    // A ratio a source states wins over one computed from a year's capex and cash flow.
    const stated = latest(signals, "capex-cash-flow-ratio");
    const ratio = stated ? Math.round(Number(stated.percent))
      : capex && ocf && Number(ocf.amount.amount) > 0 ? Math.round((100 * Number(capex.amount.amount)) / Number(ocf.amount.amount)) : null;
    const move = latest(signals, "market-cap-move") || latest(signals, "price-move");
    const moveText = !move ? "" : move.kind === "market-cap-move" ? `${money(move.change)} (${move.period})` : `${move.changePercent} % (${move.period})`;
    if (!guidance && !capex && view.positions.length === 0 && !move) continue;
    body.append(el("tr", { "data-ticker": c.ticker },
      el("td", {}, `${c.name} (${c.ticker})`),
      el("td", { class: "num" }, guidance),
      el("td", { class: "num" }, capex ? `${capex.period}: ${money(capex.amount)}` : ""),
      el("td", { class: "num" + (ratio !== null && ratio >= 85 ? " high" : "") }, ratio === null ? "" : `${ratio} %`),
      el("td", { class: "num" }, view.positions.length ? String(view.positions.length) : ""),
      el("td", { class: "num" }, moveText)));
  }
}

// Acknowledgements and mutes as the silo lists them, by alert id; the stream carries alerts as raised.
const desk = new Map();

function mark(li, state) {
  li.classList.toggle("acked", Boolean(state.acknowledged));
  li.classList.toggle("muted-alert", Boolean(state.muted));
  li.querySelector(".state").textContent = [state.acknowledged ? "acknowledged" : "", state.muted ? "muted" : ""].filter(Boolean).join(", ");
}

function alertItem(a, isNew) {
  const li = el("li", { "data-id": a.id, "data-sequence": String(a.sequence), "data-company": a.company, class: isNew ? "new" : "" },
    el("span", { class: `sev ${a.severity}` }, a.severity), ` #${a.sequence} ${a.company} `, el("b", {}, a.rule), `: ${a.rationale}`);
  if (a.agent) {
    li.append(el("div", { class: "muted agent" }, `raised by the ${a.agent} agent`,
      ...(a.runId ? [" — ", el("a", { href: `/runs/${encodeURIComponent(a.runId)}` }, `run ${a.runId}`)] : [])));
  }
  if (a.explanation) li.append(el("div", { class: "muted" }, a.explanation));
  // A market-wide alert (bubble risk) is about no company, so there is no company to mute.
  const marketWide = a.rule === "bubble-risk";
  li.append(el("div", { class: "actions" },
    el("button", { type: "button", "data-action": "ack" }, "Acknowledge"),
    ...(marketWide ? [] : [el("button", { type: "button", "data-action": "mute" }, `Mute ${a.company} for a day`)]),
    el("span", { class: "state muted" }, "")));
  mark(li, desk.get(a.id) || {});
  return li;
}

function manageAlerts() {
  $("#alerts").addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-action]");
    if (!button) return;
    const li = button.closest("li");
    button.disabled = true;
    try {
      if (button.dataset.action === "ack") {
        const r = await fetch(`/alerts/${encodeURIComponent(li.dataset.id)}/ack`, { method: "POST" });
        if (r.ok) { desk.set(li.dataset.id, { ...(desk.get(li.dataset.id) || {}), acknowledged: await r.json() }); mark(li, desk.get(li.dataset.id)); }
      } else {
        const r = await fetch("/mutes", { method: "POST", headers: { "content-type": "application/json" },
          body: JSON.stringify({ scope: "company", value: li.dataset.company, for: "1.00:00:00", reason: "muted from the dashboard" }) });
        if (r.ok) for (const other of document.querySelectorAll(`#alerts li[data-company="${li.dataset.company}"]`)) {
          desk.set(other.dataset.id, { ...(desk.get(other.dataset.id) || {}), muted: true });
          mark(other, desk.get(other.dataset.id));
        }
      }
    } finally {
      button.disabled = false;
    }
  });
}

function followAlerts() {
  const list = $("#alerts");
  let loaded = false;
  const source = new EventSource("/alerts/stream");
  source.addEventListener("open", () => { $("#live").textContent = "live"; $("#live").classList.add("on"); });
  source.addEventListener("error", () => { $("#live").textContent = "reconnecting…"; $("#live").classList.remove("on"); });
  source.addEventListener("alert", (e) => {
    const a = JSON.parse(e.data);
    if (list.querySelector(`[data-sequence="${a.sequence}"]`)) return;
    list.prepend(alertItem(a, loaded));
    while (list.children.length > 200) list.lastChild.remove();
  });
  // Alerts replayed on connecting are history; after a moment, what arrives is news and is marked so.
  setTimeout(() => { loaded = true; }, 1500);
}

async function loadChart() {
  const years = [2024, 2025, 2026];
  const boards = await Promise.all(years.map((y) => get(`/market/capex/${y}`)));
  const companies = [...new Set(boards.flatMap((b) => b.rows.filter((r) => r.rankingAmount).map((r) => r.company)))];
  const value = (b, c) => { const r = b.rows.find((x) => x.company === c); return r && r.rankingAmount ? Number(r.rankingAmount.amount) / 1e9 : 0; };
  const max = Math.max(1, ...boards.flatMap((b) => companies.map((c) => value(b, c))));
  const colors = ["#9db4d8", "#4f78b8", "#1d3f7a"];
  const rowH = 12 * years.length + 10, width = 420, left = 60;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${companies.length * rowH + 24}`);
  svg.setAttribute("width", "100%");
  const add = (tag, attrs, text) => {
    const n = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    svg.append(n);
    return n;
  };
  companies.forEach((c, i) => {
    add("text", { x: 0, y: i * rowH + 20 }, c);
    boards.forEach((b, j) => {
      const v = value(b, c);
      const w = ((width - left - 60) * v) / max;
      add("rect", { x: left, y: i * rowH + 6 + j * 12, width: Math.max(0, w), height: 10, fill: colors[j], "data-company": c, "data-year": String(years[j]) });
      if (v) add("text", { x: left + w + 4, y: i * rowH + 15 + j * 12 }, `${Math.round(v)}bn`);
    });
  });
  years.forEach((y, j) => { add("rect", { x: left + j * 60, y: companies.length * rowH + 12, width: 10, height: 10, fill: colors[j] }); add("text", { x: left + j * 60 + 14, y: companies.length * rowH + 21 }, String(y)); });
  $("#chart").replaceChildren(svg);
}

async function loadRisk() {
  const risk = await get("/risk");
  $("#risk").replaceChildren(
    el("div", {}, el("span", { class: "score", id: "risk-score" }, String(risk.score)), ` / 100 — ${risk.level}`),
    el("ul", {}, ...risk.factors.map((f) => el("li", {}, el("b", {}, `${f.name} (${f.points}/${f.maxPoints}): `), f.reason))));
}

async function loadRules() {
  const rules = await get("/rules");
  const body = $("#rules tbody");
  body.replaceChildren(...rules.map((r) => {
    const frequency = el("select", { name: "frequency" }, el("option", { value: "PerPeriod" }, "per period"), el("option", { value: "Daily" }, "at most daily"));
    frequency.value = r.frequency === "daily" || r.frequency === "Daily" ? "Daily" : "PerPeriod";
    const max = el("input", { name: "maxPerHour", type: "number", min: "0", value: String(r.maxPerHour), style: "width:4rem" });
    const save = el("button", { type: "button" }, "Save");
    const mute = el("button", { type: "button", "data-action": "mute-rule" }, "Mute for a day");
    const row = el("tr", { "data-rule": r.id }, el("td", {}, r.id), el("td", { class: "num" }, String(r.triggered)), el("td", {}, frequency), el("td", {}, max), el("td", {}, save, " ", mute));
    mute.addEventListener("click", async () => {
      mute.disabled = true;
      const response = await fetch("/mutes", { method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ scope: "rule", value: r.id, for: "1.00:00:00", reason: "muted from the dashboard" }) });
      mute.textContent = response.ok ? "muted" : "mute failed";
      row.dataset.muted = response.ok ? "true" : "false";
    });
    save.addEventListener("click", async () => {
      save.disabled = true;
      const response = await fetch(`/rules/${encodeURIComponent(r.id)}`, { method: "PUT", headers: { "content-type": "application/json" },
        body: JSON.stringify({ frequency: frequency.value, maxPerHour: Number(max.value) || 0 }) });
      save.disabled = false;
      row.dataset.saved = response.ok ? "true" : "false";
    });
    return row;
  }));
}

async function loadBrief() {
  const brief = await get("/brief");
  $("#brief").textContent = brief.markdown;
}

function ask() {
  $("#ask").addEventListener("submit", async (e) => {
    e.preventDefault();
    const question = $("#question").value.trim();
    if (!question) return;
    const answer = $("#answer");
    answer.textContent = "…";
    try {
      // JSON Lines as the answer is written: pieces of a model's text as they come, then the checked answer.
      const r = await fetch("/ask/stream", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ question }) });
      if (!r.ok) { const p = await r.json(); answer.textContent = p.detail || p.title || `error ${r.status}`; return; }
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      let pending = "";
      let streamed = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        pending += decoder.decode(value, { stream: true });
        let end;
        while ((end = pending.indexOf("\n")) >= 0) {
          const line = pending.slice(0, end);
          pending = pending.slice(end + 1);
          if (!line) continue;
          const update = JSON.parse(line);
          if (update.text) {
            streamed += update.text;
            answer.replaceChildren(el("div", { id: "answer-text", "data-streaming": "true" }, streamed));
          }
          if (update.answer) showAnswer(answer, update.answer);
        }
      }
    } catch (err) {
      answer.textContent = String(err);
    }
  });
}

function showAnswer(answer, a) {
  answer.replaceChildren(el("div", { id: "answer-text" }, a.text),
    el("ul", { id: "evidence" }, ...(a.evidence || []).map((e) => el("li", {}, `${e.signalId} — ${e.source.file}${e.source.item ? ", " + e.source.item : ""}`))));
}

async function main() {
  ask();
  manageAlerts();
  try { for (const a of await get("/alerts?limit=10000")) desk.set(a.id, { acknowledged: a.acknowledged, muted: a.muted }); } catch { /* the feed still shows */ }
  followAlerts();
  try { const s = await get("/status"); $("#silo").textContent = `${s.siloId} · ${s.storage}`; } catch { /* the rest still loads */ }
  await Promise.allSettled([loadWatchlist(), loadChart(), loadRisk(), loadRules(), loadBrief()]);
  document.body.dataset.loaded = "true";
}

main();

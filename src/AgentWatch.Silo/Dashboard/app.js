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

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// A fiscal year is named by the calendar year it ends in; one that does not end in December says when it ends
// (Nvidia's fiscal 2026 ends in January 2026), as the agents write it.
function fiscalYear(year, endMonth) {
  return !endMonth || endMonth === 12 ? String(year) : `FY${year} (to ${MONTHS[endMonth - 1]} ${year})`;
}

function day(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`;
}

// A period as the silo writes it (FY2026, FY2026-Q4, FY2025..FY2027, 2026-01, 2026-02-05, 2025-11-03..2025-11-07,
// TTM-2025-09-30) in words, fiscal years labelled with their end.
function periodText(period, endMonth) {
  let m;
  if ((m = /^FY(\d{4})$/.exec(period))) return fiscalYear(Number(m[1]), endMonth);
  if ((m = /^FY(\d{4})-Q([1-4])$/.exec(period))) return `Q${m[2]} of ${fiscalYear(Number(m[1]), endMonth)}`;
  if ((m = /^FY(\d{4})\.\.FY(\d{4})$/.exec(period))) {
    const last = fiscalYear(Number(m[2]), endMonth);
    return `${m[1]}–${last.replace(/^FY/, "")}`;
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(period))) return `${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
  if ((m = /^(\d{4}-\d{2}-\d{2})$/.exec(period))) return day(m[1]);
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(period))) return `${day(m[1])} – ${day(m[2])}`;
  if ((m = /^TTM-(\d{4}-\d{2}-\d{2})$/.exec(period))) return `the twelve months to ${day(m[1])}`;
  return period || "";
}

function percent(p) {
  const n = Number(p);
  return (n < 0 ? "−" : n > 0 ? "+" : "") + Math.abs(n).toLocaleString("en-US", { maximumFractionDigits: 1 });
}

// The last move in one unit, per cent: a share-price move as given; a market-cap move only where the market cap it
// ended at is known in its currency, else it is left out (dollars and per cent in one column would not compare).
function lastMove(signals) {
  const moves = [];
  for (const s of signals) {
    if (s.kind === "price-move") {
      const range = s.changePercentTo !== undefined && s.changePercentTo !== null ? ` to ${percent(s.changePercentTo)}` : "";
      moves.push({ s, text: `${percent(s.changePercent)}${range} %` });
    } else if (s.kind === "market-cap-move") {
      const end = /(\d{4}-\d{2}-\d{2})$/.exec(s.period || "");
      const cap = end && signals.find((c) => c.kind === "market-cap" && c.period === end[1] && c.amount.currency === s.change.currency);
      const before = cap ? Number(cap.amount.amount) - Number(s.change.amount) : 0;
      if (before > 0) moves.push({ s, text: `${percent((100 * Number(s.change.amount)) / before)} % (market cap)` });
    }
  }
  moves.sort((a, b) => (a.s.knownOn < b.s.knownOn ? 1 : a.s.knownOn > b.s.knownOn ? -1 : 0));
  return moves[0];
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
    const when = (s) => periodText(s.period, c.fiscalYearEndMonth);
    const years = signals.filter((s) => s.kind === "capex-guidance" && yearOf(s.period)).sort((a, b) => yearOf(b.period) - yearOf(a.period));
    const g = years[0];
    const guidanceText = (x) => x.amount ? money(x.amount) : x.low && x.high ? `${money(x.low)}–${money(x.high)}` : x.uncapped ? "no upper limit" : "";
    const guidance = g ? `${when(g)}: ${guidanceText(g)}` : "";
    const capex = signals.filter((s) => s.kind === "capex" && yearOf(s.period)).sort((a, b) => yearOf(b.period) - yearOf(a.period))[0];
    const ocf = capex && signals.find((s) => s.kind === "operating-cash-flow" && s.period === capex.period && s.amount.currency === capex.amount.currency);
    // A ratio a source states wins over one computed from a year's capex and cash flow.
    const stated = latest(signals, "capex-cash-flow-ratio");
    const ratio = stated ? Math.round(Number(stated.percent))
      : capex && ocf && Number(ocf.amount.amount) > 0 ? Math.round((100 * Number(capex.amount.amount)) / Number(ocf.amount.amount)) : null;
    const move = lastMove(signals);
    if (!guidance && !capex && view.positions.length === 0 && !move) continue;
    body.append(el("tr", { "data-ticker": c.ticker },
      el("td", {}, `${c.name} (${c.ticker})`),
      el("td", { class: "num" }, guidance),
      el("td", { class: "num" }, capex ? `${when(capex)}: ${money(capex.amount)}` : ""),
      el("td", { class: "num" + (ratio !== null && ratio >= 85 ? " high" : "") }, ratio === null ? "" : `${ratio} %`),
      el("td", { class: "num" }, view.positions.length ? String(view.positions.length) : ""),
      el("td", { class: "num move" }, move ? `${move.text}, ${when(move.s)}` : "")));
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
  withdraw(li, a.withdrawn);
  return li;
}

// An alert whose signals were retracted stays in the feed, struck through, with why; raised again, it stands again.
function withdraw(li, withdrawal) {
  li.classList.toggle("withdrawn", Boolean(withdrawal));
  li.querySelector(".withdrawal")?.remove();
  if (withdrawal) {
    li.append(el("div", { class: "withdrawal muted" },
      `withdrawn: its signals were retracted (${withdrawal.signalIds.join(", ")})${withdrawal.reason ? `; ${withdrawal.reason}` : ""}`));
  }
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
  // Later revisions of an alert already listed (an update, a withdrawal, a reinstatement) change its item in place; they
  // are not alerts of their own.
  for (const type of ["alert-updated", "alert-withdrawn", "alert-reinstated"]) {
    source.addEventListener(type, (e) => {
      const change = JSON.parse(e.data);
      const li = list.querySelector(`li[data-id="${CSS.escape(change.id)}"]`);
      if (!li) return;
      if (type === "alert-withdrawn") { withdraw(li, change.withdrawn); return; }
      const replacement = alertItem({ ...change, sequence: Number(li.dataset.sequence), withdrawn: null }, loaded);
      li.replaceWith(replacement);
    });
  }
  // Alerts replayed on connecting are history; after a moment, what arrives is news and is marked so.
  setTimeout(() => { loaded = true; }, 1500);
}

const SVG = "http://www.w3.org/2000/svg";

// One chart per currency, each on its own scale: amounts in different currencies are never drawn on one axis.
async function loadChart() {
  const years = [2024, 2025, 2026];
  const [boards, companies] = await Promise.all([Promise.all(years.map((y) => get(`/market/capex/${y}`))), get("/companies")]);
  // Each company's fiscal year end month: the chart labels fiscal years with their end too.
  const yearEnds = new Map(companies.map((c) => [c.ticker, c.fiscalYearEndMonth || 12]));
  const currencies = [...new Set(boards.flatMap((b) => b.rows.filter((r) => r.rankingAmount).map((r) => r.rankingAmount.currency)))]
    .sort((a, b) => (a === "USD" ? -1 : b === "USD" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  $("#chart").replaceChildren(...currencies.map((currency) => currencyChart(currency, years, boards, yearEnds)));
  $("#chart-currencies").textContent = currencies.length > 1
    ? `Amounts in ${currencies.join(", ")} are drawn on ${currencies.length} separate charts, each on its own scale: currencies are not converted.`
    : "";
}

function currencyChart(currency, years, boards, yearEnds) {
  const amount = (b, c) => {
    const r = b.rows.find((x) => x.company === c);
    return r && r.rankingAmount && r.rankingAmount.currency === currency ? Number(r.rankingAmount.amount) / 1e9 : 0;
  };
  const companies = [...new Set(boards.flatMap((b) => b.rows.filter((r) => r.rankingAmount && r.rankingAmount.currency === currency).map((r) => r.company)))];
  const max = Math.max(1, ...boards.flatMap((b) => companies.map((c) => amount(b, c))));
  const colors = ["#9db4d8", "#4f78b8", "#1d3f7a"];
  const unit = currency === "USD" ? "$" : `${currency} `;
  const rowH = 12 * years.length + 10, width = 460, left = 110;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${companies.length * rowH + 24}`);
  svg.setAttribute("width", "100%");
  svg.setAttribute("data-currency", currency);
  const add = (tag, attrs, text) => {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    svg.append(n);
    return n;
  };
  companies.forEach((c, i) => {
    const end = yearEnds.get(c) || 12;
    add("text", { x: 0, y: i * rowH + 20 }, end === 12 ? c : `${c} (FY to ${MONTHS[end - 1].slice(0, 3)})`);
    boards.forEach((b, j) => {
      const v = amount(b, c);
      const w = ((width - left - 70) * v) / max;
      add("rect", { x: left, y: i * rowH + 6 + j * 12, width: Math.max(0, w), height: 10, fill: colors[j], "data-company": c, "data-year": String(years[j]), "data-currency": currency });
      if (v) add("text", { x: left + w + 4, y: i * rowH + 15 + j * 12 }, `${unit}${Math.round(v)}bn`);
    });
  });
  years.forEach((y, j) => { add("rect", { x: left + j * 60, y: companies.length * rowH + 12, width: 10, height: 10, fill: colors[j] }); add("text", { x: left + j * 60 + 14, y: companies.length * rowH + 21 }, `FY${y}`); });
  return el("figure", { "data-currency": currency }, el("figcaption", {}, currency === "USD" ? "US dollars (USD), billions" : `${currency}, billions`), svg);
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
    // A class, not a style attribute: the content security policy allows no inline styles.
    const max = el("input", { name: "maxPerHour", type: "number", min: "0", value: String(r.maxPerHour), class: "narrow" });
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
  $("#brief").replaceChildren(...markdown(brief.markdown));
}

// The brief's Markdown as elements: headings, lists, tables, paragraphs, bold and code. Briefs quote ingested text
// (headlines, notes), so every piece of it becomes a text node; nothing is ever parsed as HTML.
function markdown(text) {
  const blocks = [];
  let paragraph = null, list = null, table = null;
  const close = () => { paragraph = null; list = null; table = null; };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    let m;
    if (!line.trim()) { close(); continue; }
    if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      close();
      blocks.push(el(`h${Math.min(6, m[1].length + 2)}`, {}, ...inline(m[2])));
    } else if ((m = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line))) {
      const tag = m[1] === undefined ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) { close(); list = el(tag, {}); blocks.push(list); }
      list.append(el("li", {}, ...inline(m[2])));
    } else if (/^\|.*\|$/.test(line)) {
      const cells = line.slice(1, -1).split("|").map((c) => c.trim());
      if (cells.every((c) => /^:?-{3,}:?$/.test(c))) continue;
      if (!table) { close(); table = el("table", {}, el("thead", {}, el("tr", {}, ...cells.map((c) => el("th", {}, ...inline(c))))), el("tbody", {})); blocks.push(table); continue; }
      table.tBodies[0].append(el("tr", {}, ...cells.map((c) => el("td", {}, ...inline(c)))));
    } else {
      if (!paragraph) { close(); paragraph = el("p", {}); blocks.push(paragraph); } else paragraph.append(" ");
      paragraph.append(...inline(line.trim()));
    }
  }
  return blocks;
}

function inline(text) {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).filter((part) => part !== "").map((part) =>
    part.startsWith("**") && part.endsWith("**") && part.length > 4 ? el("strong", {}, part.slice(2, -2))
      : part.startsWith("`") && part.endsWith("`") && part.length > 2 ? el("code", {}, part.slice(1, -1))
        : document.createTextNode(part));
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

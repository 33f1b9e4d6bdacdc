// history.js: the history page. A time window (1 h to 30 d, all, or a
// zoomed span), kept in the URL as #range=7d or #range=<since>-<until>,
// read from api/history?since=…&points=300: each bucket's average drawn as
// a line over its shaded min–max band (uPlot bands), so a one-sample spike
// stays visible in a month; gaps where the machine was off stay gaps.
// Dragging across the chart asks the server for that span at full
// resolution. The table lists the 20 newest rows (api/history?limit=20),
// newest first, in local time. With no history it shows how to start the
// exports.

import { t, initI18n, onLangChange, fmtPercent, fmtDate, fmtDuration } from './i18n.js';
import { fetchJSON, describeError, parseTimestamp, num, setText,
	chartOptions, fitChart, onSchemeChange } from './common.js';

const POINTS = 300;
const TABLE_ROWS = 20;
const MIN_ZOOM = 60;          /* seconds: a narrower drag is widened */
const RANGES = { '1h': 3600, '6h': 21600, '24h': 86400, '7d': 604800,
	'30d': 2592000, all: 0 };
const DEFAULT_RANGE = '24h';
const METRICS = [
	{ key: 'cpu', label: 'series_cpu' },
	{ key: 'ram', label: 'series_ram' },
	{ key: 'disk', label: 'series_disk' },
];

const $ = id => document.getElementById(id);

const state = {
	view: { range: DEFAULT_RANGE }, /* or { range: 'zoom', since, until, from } */
	win: null,        /* the window: {since, until, step, rows, count, data} */
	rows: null,       /* table rows [{date, cpu, ram, disk, hms}], oldest first */
	loadedAt: null,
	error: null,
};
let chart = null;
let loading = 0;

/* ---- the window in the URL ------------------------------------------ */

function viewFromHash() {
	const m = /(?:^#|&)range=([^&]*)/.exec(location.hash);
	const v = m ? decodeURIComponent(m[1]) : '';
	if (Object.hasOwn(RANGES, v))
		return { range: v };
	const z = /^(\d{1,12})-(\d{1,12})$/.exec(v);
	if (z && Number(z[2]) > Number(z[1]))
		return { range: 'zoom', since: Number(z[1]), until: Number(z[2]) };
	return { range: DEFAULT_RANGE };
}

function hashOf(view) {
	return '#range=' + (view.range === 'zoom' ? `${view.since}-${view.until}` : view.range);
}

/* A user's choice: a history entry (Back un-zooms), then the data. */
function go(view) {
	state.view = view;
	if (location.hash !== hashOf(view))
		history.pushState(null, '', hashOf(view));
	load();
}

function windowQuery(view) {
	if (view.range === 'zoom')
		return `since=${view.since}&until=${view.until}`;
	if (view.range === 'all')
		return 'since=all';
	/* relative to the server's clock, not the browser's */
	return `since=-${RANGES[view.range]}`;
}

/* ---- buckets to chart data ----------------------------------------- */

/* [xs, avg cpu, ram, disk, then min and max of each] with a null row
 * where two buckets are further apart than three typical spacings (and
 * two buckets): the machine was off, the line breaks. */
function chartData(win) {
	const pts = [];
	for (const p of win.data) {
		const d = p && parseTimestamp(p.timestamp);
		if (d)
			pts.push([d.getTime() / 1000, p]);
	}
	pts.sort((a, b) => a[0] - b[0]);
	const gaps = pts.slice(1).map((p, i) => p[0] - pts[i][0]).sort((a, b) => a - b);
	const typical = gaps.length ? gaps[gaps.length >> 1] : win.step;
	const breakAt = Math.max(3 * typical, 2 * win.step);
	const cols = Array.from({ length: 1 + 3 * METRICS.length }, () => []);
	const push = (x, p) => {
		cols[0].push(x);
		METRICS.forEach((m, i) => {
			cols[1 + i].push(p ? num(p[`${m.key}_percent`]) : null);
			cols[4 + 2 * i].push(p ? num(p[`${m.key}_percent_min`]) : null);
			cols[5 + 2 * i].push(p ? num(p[`${m.key}_percent_max`]) : null);
		});
	};
	pts.forEach(([x, p], i) => {
		if (i > 0 && x - pts[i - 1][0] > breakAt)
			push(pts[i - 1][0] + win.step, null);
		push(x, p);
	});
	return cols;
}

/* ---- chart ---------------------------------------------------------- */

function cssVar(name) {
	return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function chartHeight() {
	return $('chart').clientWidth < 560 ? 240 : 340;
}

function fmtSpan(min, max) {
	const a = new Date(min * 1000), b = new Date(max * 1000);
	const sameDay = a.toDateString() === b.toDateString();
	return { from: fmtDate(a, 'short'), to: fmtDate(b, sameDay ? 'time' : 'short') };
}

/* The drag selection: that span, fetched anew at its own resolution. */
function onSelect(u) {
	const w = u.select.width;
	if (w < 5)
		return;
	let a = Math.floor(u.posToVal(u.select.left, 'x'));
	let b = Math.ceil(u.posToVal(u.select.left + w, 'x'));
	u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
	if (b - a < MIN_ZOOM) {
		const mid = Math.round((a + b) / 2);
		a = mid - MIN_ZOOM / 2;
		b = mid + MIN_ZOOM / 2;
	}
	const from = state.view.range === 'zoom' ? state.view.from : state.view.range;
	go({ range: 'zoom', since: a, until: b, from });
}

function buildChart() {
	if (chart) {
		chart.destroy();
		chart = null;
	}
	const win = state.win;
	if (typeof uPlot !== 'function' || !win || $('content').hidden)
		return;
	const box = $('chart');
	const data = chartData(win);
	const opts = chartOptions(METRICS, Math.max(200, box.clientWidth), chartHeight(), {
		uplot: {
			cursor: { drag: { x: true, y: false, setScale: false }, points: { size: 7 } },
			hooks: { setSelect: [onSelect] },
		},
	});
	opts.scales.x.range = () => [win.since, win.until];
	/* the average: a line, its value with the bucket's range */
	opts.series.slice(1).forEach((s, i) => {
		s.fill = undefined;
		s.value = (u, v, si, idx) => v == null ? '–' : t('hist_band', {
			avg: fmtPercent(v), min: fmtPercent(u.data[4 + 2 * i][idx]),
			max: fmtPercent(u.data[5 + 2 * i][idx]) });
	});
	opts.bands = [];
	METRICS.forEach((m, i) => {
		for (const which of ['min', 'max'])
			opts.series.push({ label: `${t(m.label)} ${which}`, stroke: 'rgba(0,0,0,0)',
				width: 1, spanGaps: false, points: { show: false } });
		opts.bands.push({ series: [5 + 2 * i, 4 + 2 * i], fill: cssVar(`--${m.key}-fill`) });
	});
	chart = new uPlot(opts, data, box);
	box.dataset.points = String(win.count);
	box.dataset.step = String(win.step);
	box.dataset.gaps = String(data[0].length - win.count);
	box.dataset.since = String(win.since);
	box.dataset.until = String(win.until);
}

function renderZoom() {
	const v = state.view;
	const zoomed = v.range === 'zoom';
	$('reset-zoom').disabled = !zoomed;
	$('chart').dataset.zoomed = zoomed ? 'true' : 'false';
	setText($('zoom-range'), zoomed ? t('hist_zoomed', fmtSpan(v.since, v.until)) : '');
	for (const b of document.querySelectorAll('#ranges [data-range]'))
		b.setAttribute('aria-pressed', String(b.dataset.range === v.range));
}

function resetZoom() {
	if (state.view.range === 'zoom')
		go({ range: state.view.from || DEFAULT_RANGE });
}

/* ---- table and texts ------------------------------------------------ */

/* Keeps rows with a readable timestamp, oldest first, one per instant. */
function cleanRows(data) {
	const rows = [];
	for (const r of Array.isArray(data) ? data : []) {
		const date = r && parseTimestamp(r.timestamp);
		if (!date)
			continue;
		rows.push({ date, cpu: num(r.cpu_percent), ram: num(r.ram_percent),
			disk: num(r.disk_percent),
			hms: typeof r.uptime_hms === 'string' ? r.uptime_hms : '–' });
	}
	rows.sort((a, b) => a.date - b.date);
	return rows.filter((r, i) => i === 0 || r.date - rows[i - 1].date > 0);
}

function cell(text, cls) {
	const td = document.createElement('td');
	td.textContent = text;
	if (cls)
		td.className = cls;
	return td;
}

function renderTable() {
	const rows = state.rows || [];
	const newest = rows.slice(-TABLE_ROWS).reverse();
	const body = $('rows').tBodies[0];
	body.replaceChildren(...newest.map(r => {
		const tr = document.createElement('tr');
		const th = document.createElement('th');
		th.scope = 'row';
		const time = document.createElement('time');
		time.dateTime = r.date.toISOString();
		/* date and time as two spans so narrow screens can stack them */
		const day = document.createElement('span');
		day.className = 'd';
		day.textContent = fmtDate(r.date, 'day') + ' ';
		time.append(day, fmtDate(r.date, 'time'));
		th.append(time);
		tr.append(th, cell(fmtPercent(r.cpu), 'num'), cell(fmtPercent(r.ram), 'num'),
			cell(fmtPercent(r.disk), 'num'), cell(r.hms, 'num mono opt'));
		return tr;
	}));
	setText($('table-title'), t('table_title', { n: newest.length }));
}

function renderTexts() {
	const win = state.win;
	if (win)
		setText($('range'), [t('hist_range', fmtSpan(win.since, win.until)),
			t('hist_count', { n: win.rows }),
			t('hist_step', { step: fmtDuration(win.step) })].join(' · '));
	setText($('updated'), state.loadedAt ?
		t('hist_updated', { time: fmtDate(state.loadedAt, 'time') }) : '');
	if (state.error)
		setText($('error-text'), t('hist_error', { detail: describeError(state.error) }));
	renderZoom();
}

function hasData() {
	return (state.rows && state.rows.length > 0) || (state.win && state.win.count > 0);
}

function renderVisibility() {
	const known = state.rows !== null;
	$('loading').hidden = known || state.error !== null;
	$('error').hidden = state.error === null;
	$('empty').hidden = !(known && !hasData());
	$('content').hidden = !(known && hasData());
	$('window-empty').hidden = !(state.win && state.win.count === 0);
}

function renderAll() {
	renderVisibility();
	renderTable();
	renderTexts();
}

/* ---- loading -------------------------------------------------------- */

/* The answer as the page keeps it; throws on a malformed one. */
function readWindow(h) {
	const n = v => typeof v === 'number' && Number.isFinite(v);
	if (!Array.isArray(h.data) || !n(h.since) || !n(h.until) || !n(h.resolution_seconds))
		throw new Error('format');
	return { since: h.since, until: h.until, step: h.resolution_seconds,
		rows: n(h.rows) ? h.rows : 0, count: h.data.length, data: h.data };
}

async function load() {
	const mine = ++loading;
	const view = state.view;
	$('refresh').disabled = true;
	renderZoom();
	try {
		/* the first use of a long CSV builds its tiers: allow it time */
		const [win, tail] = await Promise.all([
			fetchJSON(`api/history?${windowQuery(view)}&points=${POINTS}`, 30000),
			fetchJSON(`api/history?limit=${TABLE_ROWS}`, 8000)]);
		if (mine !== loading)
			return; /* a newer choice is on its way */
		if (!Array.isArray(tail.data))
			throw new Error('format');
		state.win = readWindow(win);
		state.rows = cleanRows(tail.data);
		state.loadedAt = new Date();
		state.error = null;
	} catch (e) {
		if (mine !== loading)
			return;
		state.error = e;
	}
	$('refresh').disabled = false;
	renderAll();
	buildChart();
	document.body.dataset.loaded = state.error ? 'error' : hasData() ? 'data' : 'empty';
}

function start() {
	initI18n();
	onLangChange(() => {
		renderAll();
		buildChart();
	});
	onSchemeChange(buildChart);
	fitChart(() => chart, $('chart'), chartHeight);
	$('refresh').addEventListener('click', load);
	$('retry').addEventListener('click', load);
	$('reset-zoom').addEventListener('click', resetZoom);
	$('chart').addEventListener('dblclick', resetZoom);
	for (const b of document.querySelectorAll('#ranges [data-range]'))
		b.addEventListener('click', () => go({ range: b.dataset.range }));
	/* Back, Forward, or a hash typed or pasted */
	window.addEventListener('popstate', () => {
		state.view = viewFromHash();
		load();
	});
	window.addEventListener('hashchange', () => {
		const v = viewFromHash();
		if (hashOf(v) !== hashOf(state.view)) {
			state.view = v;
			load();
		}
	});
	state.view = viewFromHash();
	if (location.hash !== hashOf(state.view))
		history.replaceState(null, '', hashOf(state.view));
	load();
}

start();

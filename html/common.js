// common.js: what both pages share: fetching the JSON API, reading its
// timestamps, and the chart's look (colours, axes, legend) for uPlot.

import { t, fmtDate, fmtPercent, currentLang } from './i18n.js';

/* An API failure with a short reason the page can show (translated by
 * describeError). kind is 'http', 'network', 'timeout' or 'format'. */
export class ApiError extends Error {
	constructor(kind, status) {
		super(kind === 'http' ? `HTTP ${status}` : kind);
		this.kind = kind;
		this.status = status;
	}
}

/* GETs a relative API path and parses the JSON answer. Rejects with an
 * ApiError on a network failure, a timeout, a non-2xx status or a body
 * that is not a JSON object; never hangs longer than timeoutMs. */
export async function fetchJSON(path, timeoutMs = 4000) {
	const ctl = new AbortController();
	const timer = setTimeout(() => ctl.abort(), timeoutMs);
	let res;
	try {
		res = await fetch(path, { cache: 'no-store', signal: ctl.signal,
			headers: { Accept: 'application/json' } });
	} catch (e) {
		clearTimeout(timer);
		throw new ApiError(e.name === 'AbortError' ? 'timeout' : 'network');
	}
	try {
		if (!res.ok)
			throw new ApiError('http', res.status);
		let body;
		try {
			body = await res.json();
		} catch (e) {
			throw new ApiError(e.name === 'AbortError' ? 'timeout' : 'format');
		}
		if (body === null || typeof body !== 'object' || Array.isArray(body))
			throw new ApiError('format');
		return body;
	} finally {
		clearTimeout(timer);
	}
}

/* The reason of an ApiError in the current language. */
export function describeError(e) {
	if (e instanceof ApiError) {
		if (e.kind === 'http')
			return t('err_http', { status: e.status });
		return t('err_' + e.kind);
	}
	return t('err_format');
}

const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/* Parses an ISO 8601 timestamp into a Date. With an offset (or Z) it is
 * that instant; without one, as written by the old Flask tool
 * ("2025-12-27T18:59:36.829610"), it is local time. null when invalid. */
export function parseTimestamp(s) {
	const m = typeof s === 'string' ? TS_RE.exec(s.trim()) : null;
	if (!m)
		return null;
	const [y, mo, d, h, mi] = m.slice(1, 6).map(Number);
	const sec = Number(m[6] || 0);
	const ms = m[7] ? Math.floor(Number('0.' + m[7]) * 1000) : 0;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return null;
	let date;
	if (m[8]) {
		let off = 0;
		if (m[8] !== 'Z') {
			const sign = m[8][0] === '-' ? -1 : 1;
			const digits = m[8].slice(1).replace(':', '');
			off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
		}
		date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms) - off * 60000);
	} else {
		date = new Date(y, mo - 1, d, h, mi, sec, ms);
	}
	return Number.isNaN(date.getTime()) ? null : date;
}

/* A finite number or null: the API is trusted to be well-formed, but a
 * missing field must show as "–", not as NaN. */
export function num(v) {
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/* Replaces an element's text only when it changed (keeps screen readers
 * and selections calm on every refresh). */
export function setText(el, text) {
	if (el && el.textContent !== text)
		el.textContent = text;
}

function cssVar(name) {
	return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/* Calls fn when the colour scheme flips, so charts can redraw. */
export function onSchemeChange(fn) {
	const mq = window.matchMedia('(prefers-color-scheme: dark)');
	mq.addEventListener('change', fn);
}

/* Tick labels for a time axis in the current language: times, plus the
 * date where the day changes or when ticks are a day or more apart. */
function timeTicks(u, splits, axisIdx, space, incr) {
	let prevDay = null;
	return splits.map(v => {
		const d = new Date(v * 1000);
		const day = d.toDateString();
		let label;
		if (incr >= 86400)
			label = fmtDate(d, 'date');
		else
			label = fmtDate(d, incr < 60 ? 'time' : 'hm');
		if (incr < 86400 && prevDay !== null && day !== prevDay)
			label = fmtDate(d, 'date') + '\n' + label;
		prevDay = day;
		return label;
	});
}

/* Tick spacings for a time axis, in seconds: whole seconds at least, so
 * two ticks never carry the same label. */
const TIME_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
	7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000];

/* uPlot options for a 0..100 % time chart of the given series
 * ([{key, label}]), coloured from the page's CSS variables. extra:
 * minSpan (seconds the x axis covers at least, ending at the newest
 * point), pad (seconds after it), uplot (options merged in as they are). */
export function chartOptions(series, width, height, extra = {}) {
	const fg = cssVar('--muted') || '#555';
	const grid = cssVar('--grid') || '#ddd';
	const font = `12px ${cssVar('--font') || 'system-ui, sans-serif'}`;
	const axis = { stroke: fg, font, grid: { stroke: grid, width: 1 },
		ticks: { stroke: grid, width: 1 } };
	return {
		width, height,
		tzDate: ts => new Date(ts * 1000),
		scales: {
			x: { time: true, range: (u, min, max) => {
				/* at least minSpan seconds, ending at the newest point;
				 * uPlot would give one point alone a range of years */
				const span = extra.minSpan || 120, pad = extra.pad || 0;
				const xs = u.data[0];
				if (xs.length === 1)
					return [xs[0] - span, xs[0] + pad];
				return max - min >= span ? [min, max] : [max - span, max + pad];
			} },
			y: { range: [0, 100] },
		},
		legend: { live: true },
		cursor: { drag: { x: true, y: false }, points: { size: 7 } },
		series: [
			{ label: t('series_time'),
				value: (u, v) => v == null ? '–' : fmtDate(new Date(v * 1000), 'short') },
			...series.map(s => ({
				label: t(s.label),
				stroke: cssVar(`--${s.key}`),
				fill: cssVar(`--${s.key}-fill`),
				width: 2,
				spanGaps: false,
				/* dots only where a line cannot show: a lone point */
				points: { show: (u, si, i0, i1) => i1 - i0 < 1, size: 6 },
				value: (u, v) => v == null ? '–' : fmtPercent(v),
			})),
		],
		axes: [
			{ ...axis, values: timeTicks, incrs: TIME_INCRS,
				space: currentLang() === 'ru' ? 70 : 60 },
			{ ...axis, values: (u, splits) => splits.map(v => fmtPercent(v, 0)),
				size: 56, splits: () => [0, 25, 50, 75, 100] },
		],
		...(extra.uplot || {}),
	};
}

/* Keeps a uPlot chart as wide as its container. */
export function fitChart(getChart, container, height) {
	const ro = new ResizeObserver(() => {
		const u = getChart();
		const w = Math.floor(container.clientWidth);
		if (u && w > 0 && w !== u.width)
			u.setSize({ width: w, height: height() });
	});
	ro.observe(container);
}

// helpers.mjs: what the browser suites share: Debian's Chromium through
// playwright-core, a watch on each page for console errors, CSP violations
// and requests leaving the host, the text a user can see, and screenshots.

import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'browser');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

export function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ARGS,
	});
}

/* The stack's base URL with a trailing slash, so pages resolve relative
 * to it ("history", "api/status") as the pages themselves do. */
export function baseURL(stack) {
	return stack.base.endsWith('/') ? stack.base : stack.base + '/';
}

/* Opens a page in its own context and records, from before the first
 * byte, console errors, uncaught exceptions, CSP violations (the DOM
 * event, which also catches blocked inline styles) and every request
 * that is not for the stack's origin. */
export async function openPage(browser, stack, opts = {}) {
	const { width = 1280, height = 900, locale = 'fr-FR', colorScheme = 'light',
		timezoneId = 'Europe/Paris' } = opts;
	const ctx = await browser.newContext({ viewport: { width, height }, locale,
		colorScheme, timezoneId, serviceWorkers: 'block' });
	const page = await ctx.newPage();
	const origin = new URL(baseURL(stack)).origin;
	const log = { errors: [], csp: [], foreign: [], finished: [] };
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', e => {
			console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
		});
	});
	page.on('console', m => {
		if (m.type() === 'error')
			log.errors.push(m.text());
		if (m.text().startsWith('CSP violation'))
			log.csp.push(m.text());
	});
	page.on('pageerror', e => log.errors.push(`pageerror: ${e.message}`));
	page.on('requestfinished', r => log.finished.push(r));
	page.on('response', r => {
		if (r.status() >= 400)
			log.errors.push(`HTTP ${r.status()} for ${r.url()}`);
	});
	page.on('request', r => {
		const u = r.url();
		if (!u.startsWith('data:') && new URL(u).origin !== origin)
			log.foreign.push(u);
	});
	return { ctx, page, log };
}

/* No console error, no CSP violation, nothing fetched from elsewhere. */
export function assertClean(log, what) {
	assert.deepEqual(log.csp, [], `${what}: CSP violations`);
	assert.deepEqual(log.errors, [], `${what}: console errors`);
	assert.deepEqual(log.foreign, [], `${what}: requests to another host`);
}

/* Waits for the next answer of an API path and for the page to have
 * rendered it (one animation frame later). Returns the parsed body. */
export async function nextAnswer(page, apiPath, timeout = 8000) {
	const res = await page.waitForResponse(r =>
		new URL(r.url()).pathname.endsWith(apiPath) && r.status() === 200, { timeout });
	const body = await res.json();
	await page.evaluate(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50))));
	return body;
}

/* Waits (a few seconds at most) until selector's text is text, then
 * asserts it, so that a slow render fails with a readable message. */
export async function expectText(page, selector, text, what = selector) {
	await page.waitForFunction(([sel, want]) =>
		document.querySelector(sel)?.textContent === want, [selector, text],
		{ timeout: 4000 }).catch(() => {});
	assert.equal(await page.textContent(selector), text, what);
}

/* The dictionaries, read from the page's own i18n.js (same module
 * instance the page uses). */
export function dictionaries(page) {
	return page.evaluate(() => import('./i18n.js').then(m => m.DICT));
}

/* Every string a user can see or hear: visible text nodes (a <select>
 * counts only its chosen option), the title, and aria-label, title, alt
 * and placeholder attributes of visible elements. */
export function visibleStrings(page) {
	return page.evaluate(() => {
		const out = [document.title];
		const visible = el => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			const s = n.textContent.trim();
			if (!s || !el || el.closest('script, style, select') || !visible(el))
				continue;
			out.push(s);
		}
		for (const sel of document.querySelectorAll('select'))
			if (visible(sel) && sel.selectedOptions[0])
				out.push(sel.selectedOptions[0].textContent.trim());
		for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
			if (!visible(el))
				continue;
			for (const a of ['aria-label', 'title', 'alt', 'placeholder'])
				if (el.getAttribute(a))
					out.push(el.getAttribute(a).trim());
		}
		return out.filter(Boolean);
	});
}

/* The literal pieces of a dictionary value (placeholders removed), for
 * finding a French text in a page shown in another language. */
function pieces(v) {
	const all = typeof v === 'object' ? Object.values(v) : [v];
	return all.flatMap(s => s.split(/\{\w+\}/)).map(s => s.trim().replace(/^[:·,()]+|[:·,()]+$/g, '').trim())
		.filter(s => /\p{L}{3,}/u.test(s));
}

/* Words that are the same in French and another language on purpose. */
export const NEUTRAL = new Set(['Pages', 'HTTP']);

/* Finds French in a language's strings: any piece of a French value, as
 * whole words, except the NEUTRAL ones. Returns what it found. */
export function frenchLeftovers(strings, dict) {
	const french = [...new Set(Object.values(dict.fr).flatMap(pieces))]
		.filter(p => !NEUTRAL.has(p));
	const res = french.map(p => [p, new RegExp(`(?<![\\p{L}\\p{N}])${
		p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u')]);
	const found = [];
	for (const s of strings)
		for (const [p, re] of res)
			if (re.test(s))
				found.push(`"${p}" in "${s}"`);
	return found;
}

/* Every string of a dictionary, plural forms included. */
export function allStrings(d) {
	return Object.values(d).flatMap(v => typeof v === 'object' ? Object.values(v) : [v]);
}

export async function screenshot(page, name) {
	await fs.mkdir(SHOTS, { recursive: true });
	const file = path.join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	return file;
}

/* A screenshot of one element (a panel) under test-output/screenshots. */
export async function screenshotOf(locator, name) {
	await fs.mkdir(SHOTS, { recursive: true });
	const file = path.join(SHOTS, `${name}.png`);
	await locator.screenshot({ path: file });
	return file;
}

/* Takes out of log.errors the entries a test caused on purpose: for each
 * [status, pathEnd, count], the "HTTP status for …pathEnd" line and
 * Chromium's matching "Failed to load resource" line, exactly count times
 * each, asserting they are there. What is left is unexpected. */
export function expectHttpErrors(log, expected) {
	for (const [status, pathEnd, count] of expected) {
		const ours = e => e.startsWith(`HTTP ${status} for `) && new URL(e.split(' ').pop()).pathname.endsWith(pathEnd);
		const chromium = e => e.startsWith(`Failed to load resource: the server responded with a status of ${status} `);
		for (const [what, match] of [['response', ours], ['console', chromium]]) {
			const n = log.errors.filter(match).length;
			assert.equal(n, count, `${count} ${what} error(s) for HTTP ${status} on ${pathEnd}: ${log.errors.join(' | ')}`);
			log.errors = log.errors.filter(e => !match(e));
		}
	}
}

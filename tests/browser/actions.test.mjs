// actions.test.mjs: the maintenance actions panel of the live page in
// Chromium against the real stack (nginx, action.fcgi, sampler). Without
// ACTION_TOKEN it says actions are disabled; with one, an action clicked
// without a token gets the localized 401 message, with the right token it
// runs (the .tmp files really go) and the message follows the language.
// The token lives in sessionStorage only.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stackWith, stopStacks } from '../lib/stack.mjs';
import { launch, baseURL, openPage, assertClean, dictionaries, visibleStrings,
	frenchLeftovers, screenshotOf, expectHttpErrors } from './helpers.mjs';

const NAMES = ['flush_dns', 'restart_spooler', 'cleanup_temp', 'cleanup_teams',
	'cleanup_outlook', 'collect_logs'];
const TOKEN_KEY = 'sysdash.actionToken';

let browser;
const scratch = [];

before(async () => {
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await stopStacks();
	await Promise.all(scratch.map(d => fs.rm(d, { recursive: true, force: true })));
});

async function listing(stack) {
	const r = await fetch(`${stack.base}/api/actions`);
	assert.equal(r.status, 200);
	return r.json();
}

/* The uid the action workers run as (www-data when the stack runs as root). */
function workerUid(stack) {
	const pid = stack.workerPids('action.fcgi')[0];
	assert.ok(pid, 'an action.fcgi worker runs');
	return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)[1]);
}

/* t() of the page's dictionaries, for expected texts: placeholders filled,
 * plural forms picked with Intl in the browser's locale. */
function expand(dict, lang, key, params = {}, plural) {
	let v = dict[lang][key];
	if (typeof v === 'object')
		v = v[plural] ?? v.other;
	return v.replace(/\{(\w+)\}/g, (m, k) => params[k] !== undefined ? String(params[k]) : m);
}

/* Waits for the result line to leave its running state; returns it. */
async function result(page) {
	await page.waitForSelector('#action-result:not([data-state="running"]):not([data-state="idle"])',
		{ timeout: 10000 });
	return page.evaluate(() => {
		const box = document.getElementById('action-result');
		return { state: box.dataset.state, status: box.dataset.status, action: box.dataset.action,
			text: box.querySelector('.result-text').textContent,
			live: box.querySelector('[aria-live]')?.getAttribute('aria-live'),
			detail: document.getElementById('action-detail-text').textContent };
	});
}

/* Clicks a cleanup action and answers its confirmation dialog. */
async function runConfirmed(page, name, answer = 'ok') {
	await page.click(`#act-${name}`);
	await page.waitForSelector('#action-dialog[open]');
	await page.click(answer === 'ok' ? '#dialog-ok' : '#dialog-cancel');
	await page.waitForSelector('#action-dialog', { state: 'hidden' });
}

/* The panel lists the six actions in the server's order, each button
 * enabled only when the server can run it, with the reason in words. */
async function assertListing(page, dict, body, lang, enabled) {
	const items = await page.$$eval('#action-list > li', lis => lis.map(li => ({
		name: li.dataset.action, available: li.dataset.available,
		button: li.querySelector('button').textContent,
		disabled: li.querySelector('button').disabled,
		state: li.querySelector('.action-state').textContent,
		title: li.querySelector('.action-state').title,
		visible: li.querySelector('.action-state').checkVisibility() })));
	assert.deepEqual(items.map(i => i.name), body.actions.map(a => a.name));
	assert.deepEqual([...items.map(i => i.name)].sort(), [...NAMES].sort(), 'the six actions');
	for (const [i, a] of body.actions.entries()) {
		const it = items[i];
		assert.equal(it.available, String(a.available), `${a.name} availability`);
		assert.equal(it.button, dict[lang][`act_${a.name}`], `${a.name} label`);
		assert.equal(it.disabled, !(enabled && a.available), `${a.name} disabled`);
		assert.ok(it.visible, `${a.name}: its state is visible text`);
		if (!a.available) {
			assert.equal(it.state, expand(dict, lang, 'state_unavailable',
				{ reason: dict[lang][`why_${a.name}`] }), `${a.name} reason`);
			assert.equal(it.title, expand(dict, lang, 'server_says', { text: a.reason }),
				`${a.name}: the server's words kept as a detail`);
		} else {
			assert.equal(it.state, dict[lang][enabled ? (a.name.startsWith('cleanup_')
				? 'state_confirm' : 'state_ready') : 'state_off']);
		}
	}
}

test('without ACTION_TOKEN the panel says actions are disabled', { timeout: 30000 }, async () => {
	const stack = await stackWith({});
	const body = await listing(stack);
	assert.equal(body.enabled, false);
	const { ctx, page, log } = await openPage(browser, stack);
	await page.goto(baseURL(stack));
	await page.waitForSelector('#actions[data-state="off"]');
	const dict = await dictionaries(page);
	await assertListing(page, dict, body, 'fr', false);
	assert.equal(await page.isVisible('#actions-off'), true);
	assert.equal(await page.textContent('#actions-off'), dict.fr.actions_disabled);
	assert.equal(await page.getAttribute('#actions-off', 'title'),
		expand(dict, 'fr', 'server_says', { text: body.disabled_reason }));
	assert.equal(await page.isDisabled('#action-token'), true);
	assert.equal(await page.locator('#action-list button:enabled').count(), 0);

	await page.selectOption('#lang', 'ru');
	assert.equal(await page.textContent('#actions-off'), dict.ru.actions_disabled);
	await assertListing(page, dict, body, 'ru', false);
	assertClean(log, 'actions panel, disabled');
	await ctx.close();
});

test('with ACTION_TOKEN: 401 without the token, success with it, FR then EN', { timeout: 60000 }, async () => {
	const token = randomBytes(18).toString('base64url');
	const tmpdir = await fs.mkdtemp(path.join(os.tmpdir(), 'sysdash-acttmp-'));
	scratch.push(tmpdir);
	const stack = await stackWith({ ACTION_TOKEN: token, TMPDIR: tmpdir });
	/* two .tmp files of the workers' user to clean, a .txt to keep */
	const uid = workerUid(stack);
	await fs.chown(tmpdir, uid, uid);
	const files = { 'a.tmp': 1500, 'b.tmp': 700, 'keep.txt': 300 };
	for (const [name, size] of Object.entries(files)) {
		await fs.writeFile(path.join(tmpdir, name), Buffer.alloc(size, 'x'));
		await fs.chown(path.join(tmpdir, name), uid, uid);
	}
	const body = await listing(stack);
	assert.equal(body.enabled, true);
	const temp = body.actions.find(a => a.name === 'cleanup_temp');
	assert.equal(temp.available, true, 'cleanup_temp can run here');

	const { ctx, page, log } = await openPage(browser, stack);
	const posts = [];
	page.on('request', r => {
		if (new URL(r.url()).pathname.endsWith('/api/action'))
			posts.push({ auth: r.headers().authorization, body: r.postData(), url: r.url() });
	});
	await page.goto(baseURL(stack));
	await page.waitForSelector('#actions[data-state="ready"]');
	const dict = await dictionaries(page);
	await assertListing(page, dict, body, 'fr', true);
	assert.equal(await page.isVisible('#actions-off'), false);
	assert.equal(await page.getAttribute('#action-token', 'type'), 'password');
	assert.equal(await page.getAttribute('#action-token', 'autocomplete'), 'off');

	/* a cleanup asks first; cancelling sends nothing */
	await runConfirmed(page, 'cleanup_temp', 'cancel');
	assert.equal((await result(page)).text, expand(dict, 'fr', 'cancelled',
		{ name: dict.fr.act_cleanup_temp }));
	assert.equal(posts.length, 0, 'no request after cancel');

	/* no token: held on its way so the running state can be seen */
	let release;
	const held = new Promise(r => { release = r; });
	await page.route('**/api/action', async route => {
		await held;
		await route.continue();
	});
	await runConfirmed(page, 'cleanup_temp');
	await page.waitForSelector('#action-result[data-state="running"]');
	assert.equal(await page.locator('#action-list button:enabled').count(), 0,
		'every button is disabled while an action runs');
	assert.equal(await page.getAttribute('#action-list', 'aria-busy'), 'true');
	assert.equal(await page.textContent('#action-result .result-text'),
		expand(dict, 'fr', 'running', { name: dict.fr.act_cleanup_temp }));
	release();
	let r = await result(page);
	await page.unroute('**/api/action');
	assert.equal(posts.length, 1);
	assert.equal(posts[0].auth, undefined, 'no Authorization header without a token');
	assert.deepEqual(JSON.parse(posts[0].body), { action: 'cleanup_temp' });
	assert.deepEqual(r, { state: 'error', status: '401', action: 'cleanup_temp',
		text: dict.fr.err_token_missing, live: 'polite', detail: 'HTTP 401 · Unauthorized' });
	assert.equal(await page.getAttribute('#action-token', 'aria-invalid'), 'true');
	assert.equal(await page.isEnabled('#act-cleanup_temp'), true, 'enabled again');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'act-cleanup_temp',
		'focus back on the button');

	/* a wrong token */
	await page.fill('#action-token', 'not-the-token-at-all');
	await runConfirmed(page, 'cleanup_temp');
	r = await result(page);
	assert.equal(r.status, '401');
	assert.equal(r.text, dict.fr.err_token_wrong);
	assert.equal(posts[1].auth, 'Bearer not-the-token-at-all');
	for (const name of ['a.tmp', 'b.tmp'])
		await fs.access(path.join(tmpdir, name)); /* still there */

	/* the right token, typed: kept in sessionStorage only */
	await page.fill('#action-token', token);
	assert.equal(await page.getAttribute('#action-token', 'aria-invalid'), null);
	const answer = page.waitForResponse(res => new URL(res.url()).pathname.endsWith('/api/action'));
	await runConfirmed(page, 'cleanup_temp');
	const served = await (await answer).json();
	r = await result(page);
	assert.equal(posts[2].auth, `Bearer ${token}`);
	assert.deepEqual([served.ok, served.files, served.bytes], [true, 2, 2200], JSON.stringify(served));
	assert.deepEqual((await fs.readdir(tmpdir)).sort(), ['keep.txt'], 'the .tmp files went');
	const kb = await page.evaluate(l => new Intl.NumberFormat(l, { style: 'unit',
		unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(2.2), 'fr-FR');
	assert.deepEqual(r, { state: 'ok', status: '200', action: 'cleanup_temp', live: 'polite',
		text: expand(dict, 'fr', 'res_cleanup_temp', { n: 2, size: kb }, 'other'),
		detail: `HTTP 200 · ${served.message}` });
	assert.match(r.text, /^Nettoyage terminé : 2 fichiers temporaires supprimés \(2,2\sko\)\.$/);
	const stored = await page.evaluate(() => ({
		session: Object.fromEntries(Object.entries(sessionStorage)),
		local: Object.entries(localStorage).flat() }));
	assert.equal(stored.session[TOKEN_KEY], token);
	assert.ok(!stored.local.some(v => v.includes(token)), 'the token is not in localStorage');
	assert.ok(!page.url().includes(token) && posts.every(p => !p.url.includes(token)),
		'the token is in no URL');
	await screenshotOf(page.locator('#actions'), 'actions-1280');

	/* English: the message, labels and reasons follow */
	await page.selectOption('#lang', 'en');
	r = await result(page);
	const kbEn = await page.evaluate(l => new Intl.NumberFormat(l, { style: 'unit',
		unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(2.2), 'en-US');
	assert.equal(r.text, expand(dict, 'en', 'res_cleanup_temp', { n: 2, size: kbEn }, 'other'));
	assert.equal(r.text, 'Clean-up done: 2 temporary files deleted (2.2 kB).');
	await assertListing(page, dict, body, 'en', true);
	assert.equal(await page.textContent('#actions-title'), dict.en.actions_title);
	assert.equal(await page.textContent('label[for="action-token"]'), dict.en.token_label);
	assert.deepEqual(frenchLeftovers(await visibleStrings(page), dict), [], 'no French left');

	/* collect_logs runs without a confirmation when the server can run it */
	const logs = body.actions.find(a => a.name === 'collect_logs');
	if (logs.available) {
		const archive = page.waitForResponse(res => new URL(res.url()).pathname.endsWith('/api/action'));
		await page.click('#act-collect_logs');
		const got = await (await archive).json();
		r = await result(page);
		assert.equal(r.state, 'ok', r.detail);
		assert.equal((await fs.stat(got.path)).mode & 0o777, 0o600);
		assert.ok(r.text.includes(got.path), r.text);
		assert.ok(r.text.startsWith('Logs collected'), r.text);
	} else {
		assert.equal(await page.isDisabled('#act-collect_logs'), true);
	}

	/* 375 px: one column, nothing sideways */
	await page.setViewportSize({ width: 375, height: 800 });
	await page.waitForTimeout(100);
	const w = await page.evaluate(() => document.documentElement.scrollWidth);
	assert.ok(w <= 375, `no sideways scroll at 375 px (${w})`);
	await screenshotOf(page.locator('#actions'), 'actions-375');
	await page.setViewportSize({ width: 1280, height: 900 });

	/* keyboard: from the token field to the first enabled action, the
	 * dialog opens on Cancel, Escape closes it and focus comes back */
	await page.focus('#action-token');
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'token-forget');
	await page.keyboard.press('Tab');
	const first = await page.getAttribute('#action-list button:enabled >> nth=0', 'id');
	assert.equal(await page.evaluate(() => document.activeElement.id), first);
	if (first !== 'act-cleanup_temp')
		await page.focus('#act-cleanup_temp');
	assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle),
		'solid', 'focus is visible');
	await page.keyboard.press('Enter');
	await page.waitForSelector('#action-dialog[open]');
	assert.equal(await page.evaluate(() => document.activeElement.id), 'dialog-cancel');
	assert.equal(await page.textContent('#dialog-title'),
		expand(dict, 'en', 'confirm_title', { name: dict.en.act_cleanup_temp }));
	await page.keyboard.press('Escape');
	await page.waitForSelector('#action-dialog', { state: 'hidden' });
	assert.equal(await page.evaluate(() => document.activeElement.id), 'act-cleanup_temp');
	assert.equal(posts.length, logs.available ? 4 : 3, 'Escape sent nothing');

	/* the same tab keeps the token across a reload; another tab has none;
	 * "forget" removes it */
	await page.reload();
	await page.waitForSelector('#actions[data-state="ready"]');
	assert.equal(await page.inputValue('#action-token'), token);
	const other = await ctx.newPage();
	await other.goto(baseURL(stack));
	await other.waitForSelector('#actions[data-state="ready"]');
	assert.equal(await other.inputValue('#action-token'), '');
	await other.close();
	await page.click('#token-forget');
	assert.equal(await page.inputValue('#action-token'), '');
	assert.equal(await page.evaluate(k => sessionStorage.getItem(k), TOKEN_KEY), null);

	expectHttpErrors(log, [[401, '/api/action', 2]]);
	assertClean(log, 'actions panel');
	await ctx.close();
});

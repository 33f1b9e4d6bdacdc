// i18n.test.mjs: the four languages in Chromium against the real stack.
// Every visible string changes with the language (no French left in EN,
// ES or RU), numbers and dates follow Intl, the choice survives a reload
// and carries to the other page, and a first visit follows the browser.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startStack } from '../lib/stack.mjs';
import { launch, baseURL, openPage, assertClean, visibleStrings, dictionaries,
	frenchLeftovers, allStrings, screenshot, FIXTURES } from './helpers.mjs';

let browser, stack;

before(async () => {
	browser = await launch();
	/* history from the fixture; the live page still polls the workers */
	stack = await startStack({ env: { SYSDASH_SAMPLER: '0' } });
	await fs.copyFile(path.join(FIXTURES, 'metrics.csv'), path.join(stack.dataDir, 'metrics.csv'));
});

after(async () => {
	await browser?.close();
	await stack?.stop();
});

const PERCENT = {
	fr: /^\d{1,3},\d[\u00a0\u202f]%$/,
	en: /^\d{1,3}\.\d%$/,
	es: /^\d{1,3},\d[\u00a0\u202f]%$/,
	ru: /^\d{1,3},\d[\u00a0\u202f]%$/,
};

/* Waits until the page shows data: a rendered measurement or table. */
async function ready(page, which) {
	if (which === 'live') {
		await page.waitForSelector('#conn[data-state="ok"]');
		/* the actions panel has its list (disabled here: no ACTION_TOKEN) */
		await page.waitForSelector('#actions[data-state="off"]');
	}
	else
		await page.waitForSelector('body[data-loaded="data"]');
}

/* Strings that read the same in every language. */
const SAME_EVERYWHERE = new Set(['sysdash', 'make run',
	'sysdash-sampler --export-csv data/metrics.csv', 'Pages']);

/* Checks that page shows lang throughout; fr, the strings seen in French,
 * catches French typed into the markup without a key. Returns the page's
 * strings. */
async function assertLanguage(page, dict, lang, which, fr = []) {
	assert.equal(await page.getAttribute('html', 'lang'), lang);
	assert.equal(await page.inputValue('#lang'), lang);
	const keyed = await page.$$eval('[data-i18n]', els => els.map(e =>
		[e.dataset.i18n, e.textContent]));
	for (const [key, text] of keyed)
		if (typeof dict[lang][key] === 'string')
			assert.equal(text, dict[lang][key], `${which} ${lang}: [data-i18n=${key}]`);
	assert.equal(await page.title(), dict[lang][which === 'live' ? 'title_live' : 'title_history']);
	const strings = await visibleStrings(page);
	assert.ok(strings.length > 30, `${which} ${lang}: ${strings.length} strings`);
	const raw = strings.filter(s => /^[a-z]+(_[a-z]+)+$/.test(s));
	assert.deepEqual(raw, [], `${which} ${lang}: untranslated keys`);
	if (lang !== 'fr') {
		assert.deepEqual(frenchLeftovers(strings, dict), [],
			`${which} ${lang}: French text left`);
		const seen = new Set(strings);
		const same = fr.filter(s => seen.has(s) && /\p{L}{3,}/u.test(s) &&
			!SAME_EVERYWHERE.has(s));
		assert.deepEqual(same, [], `${which} ${lang}: unchanged from French`);
	}
	if (which === 'live') {
		assert.match(await page.textContent('#cpu'), PERCENT[lang], `${lang} percent`);
	} else {
		const cell = await page.textContent('#rows tbody td.num');
		assert.match(cell, PERCENT[lang], `${lang} percent in the table`);
	}
	return strings;
}

test('dictionaries: same keys in every language, complete plurals', { timeout: 30000 }, async () => {
	const { ctx, page, log } = await openPage(browser, stack);
	await page.goto(baseURL(stack));
	const dict = await dictionaries(page);
	assert.deepEqual(Object.keys(dict).sort(), ['en', 'es', 'fr', 'ru']);
	const keys = Object.keys(dict.fr).sort();
	for (const lang of ['en', 'es', 'ru']) {
		assert.deepEqual(Object.keys(dict[lang]).sort(), keys, `${lang} keys`);
		for (const k of keys) {
			const v = dict[lang][k];
			assert.equal(typeof v, typeof dict.fr[k], `${lang}.${k} kind`);
			if (typeof v === 'object')
				assert.ok(v.one && v.other && (lang !== 'ru' || (v.few && v.many)),
					`${lang}.${k} plural forms`);
			else
				assert.ok(v.trim(), `${lang}.${k} empty`);
		}
		/* no French copied into another language */
		assert.deepEqual(frenchLeftovers(allStrings(dict[lang]), dict), [], `${lang} dictionary`);
	}
	assertClean(log, 'dictionary page');
	await ctx.close();
});

for (const which of ['live', 'history']) {
	test(`${which} page in FR, EN, ES and RU; the choice is kept`, { timeout: 60000 }, async () => {
		const url = baseURL(stack) + (which === 'live' ? '' : 'history');
		const { ctx, page, log } = await openPage(browser, stack, { locale: 'de-DE' });
		await page.goto(url);
		await ready(page, which);
		const dict = await dictionaries(page);
		/* German is not offered: French, as the old tool */
		const fr = await assertLanguage(page, dict, 'fr', which);

		/* by keyboard: the selector is reachable and takes arrows */
		await page.focus('#lang');
		await page.keyboard.press('ArrowDown');
		await assertLanguage(page, dict, 'en', which, fr);

		for (const lang of ['es', 'ru']) {
			await page.selectOption('#lang', lang);
			if (which === 'history') {
				/* the chart legend too: hover so it holds values */
				const over = await page.locator('#chart .u-over').boundingBox();
				await page.mouse.move(over.x + over.width / 2, over.y + 20);
			}
			await assertLanguage(page, dict, lang, which, fr);
		}
		await screenshot(page, `${which}-1280-ru`);
		await page.setViewportSize({ width: 375, height: 800 });
		await page.waitForTimeout(200);
		const w = await page.evaluate(() => document.documentElement.scrollWidth);
		assert.ok(w <= 375, `RU fits 375 px (${w})`);
		await screenshot(page, `${which}-375-ru`);

		await page.reload();
		await ready(page, which);
		await assertLanguage(page, dict, 'ru', which);
		assert.equal(await page.evaluate(() => localStorage.getItem('sysdash.lang')), 'ru');

		/* the other page, reached by its link, speaks the same language */
		await page.click(which === 'live' ? 'nav a[href="history"]' : 'nav a[href="./"]');
		await ready(page, which === 'live' ? 'history' : 'live');
		assert.equal(await page.getAttribute('html', 'lang'), 'ru');
		assertClean(log, `${which} page in four languages`);
		await ctx.close();
	});
}

test('first visit follows the browser language', { timeout: 30000 }, async () => {
	for (const [locale, lang, text] of [['es-MX', 'es', 'Panel del sistema'],
		['ru-RU', 'ru', 'Панель мониторинга системы'], ['en-GB', 'en', 'System dashboard'],
		['fr-CA', 'fr', 'Tableau de bord système']]) {
		const { ctx, page, log } = await openPage(browser, stack, { locale });
		await page.goto(baseURL(stack));
		await ready(page, 'live');
		assert.equal(await page.getAttribute('html', 'lang'), lang, locale);
		assert.equal(await page.textContent('.brand-title'), text);
		assertClean(log, `first visit in ${locale}`);
		await ctx.close();
	}
});

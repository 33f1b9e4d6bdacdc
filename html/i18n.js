// i18n.js: every visible string of the sysdash pages in French, English,
// Spanish and Russian, plus number and date formatting through Intl.
//
// Markup names its strings with data-i18n="key" (text content) and
// data-i18n-attr="attr:key attr:key" (attributes such as aria-label).
// Scripts call t(key, params). A value may be a plural object
// {one, few, many, other} chosen with Intl.PluralRules on params.n.

export const LANGS = { fr: 'Français', en: 'English', es: 'Español', ru: 'Русский' };
export const DEFAULT_LANG = 'fr';
const STORE_KEY = 'sysdash.lang';

export const DICT = {
	fr: {
		app_title: 'Tableau de bord système',
		title_live: 'Tableau de bord système — sysdash',
		title_history: 'Historique — sysdash',
		skip: 'Aller au contenu',
		nav_label: 'Pages',
		nav_live: 'Temps réel',
		nav_history: 'Historique',
		lang_label: 'Langue',
		host: 'Hôte : {host}',
		conn_connecting: 'Connexion au serveur…',
		conn_ok: 'Connecté',
		conn_lost: 'Connexion perdue',
		conn_updated: 'mis à jour {age}',
		conn_last: 'dernières données reçues {age}',
		conn_never: 'aucune donnée reçue',
		conn_retry: 'nouvel essai toutes les {s} s',
		badge_waiting: 'En attente des premières mesures…',
		badge_ok: 'Tout va bien : aucun seuil dépassé',
		badge_alert: 'Alerte : {list}',
		badge_unknown: 'État inconnu : pas de données récentes',
		alert_item: '{name} à {value} (seuil {threshold})',
		alert_item_nothr: '{name} à {value}, au-dessus du seuil',
		cards_label: 'Indicateurs',
		card_health: 'Santé du système',
		card_cpu: 'Processeur',
		card_ram: 'Mémoire vive',
		card_disk: 'Disque',
		card_uptime: 'Temps de fonctionnement',
		score_aria: 'Score de santé : {score} sur 100',
		status_ok: 'Bon',
		status_warn: 'À surveiller',
		status_critical: 'Critique',
		components: 'Processeur {cpu} · Mémoire {ram} · Disque {disk}',
		used_of: '{used} sur {total} Gio utilisés',
		cpu_cores: { one: '{n} cœur', other: '{n} cœurs' },
		load: 'charge {load}',
		up_since: 'démarré le {date}',
		flag_over_thr: 'Seuil d’alerte atteint ({threshold})',
		flag_over: 'Seuil d’alerte atteint',
		stale: 'Données périmées',
		chart_live_title: 'Tendance processeur et mémoire',
		chart_live_sub: { one: 'dernière mesure', other: '{n} dernières mesures' },
		chart_live_aria: 'Graphique de l’utilisation du processeur et de la mémoire en pourcentage au fil du temps',
		chart_empty: 'Le graphique apparaîtra avec les premières mesures.',
		series_time: 'Heure',
		series_cpu: 'Processeur',
		series_ram: 'Mémoire',
		series_disk: 'Disque',
		latest_title: 'Dernière mesure',
		latest_metric: 'Mesure',
		latest_value: 'Valeur',
		row_time: 'Horodatage',
		row_cpu: 'Processeur',
		row_ram: 'Mémoire utilisée',
		row_ram_gib: 'Mémoire (Gio)',
		row_disk: 'Disque utilisé',
		row_disk_gib: 'Disque (Gio)',
		row_uptime: 'Temps de fonctionnement',
		row_cpu_alert: 'Alerte processeur',
		row_ram_alert: 'Alerte mémoire',
		gib_pair: '{used} / {total} Gio',
		yes: 'Oui',
		no: 'Non',
		footer_refresh: 'Actualisation automatique toutes les {s} secondes.',
		footer_history: 'Historique lu depuis le fichier CSV des exports.',
		hist_title: 'Historique des mesures',
		hist_chart_title: 'Processeur, mémoire et disque',
		hist_hint: 'Survolez le graphique pour lire les valeurs, faites glisser pour zoomer, double-cliquez pour revenir.',
		hist_chart_aria: 'Graphique de l’utilisation du processeur, de la mémoire et du disque en pourcentage au fil du temps',
		hist_range: 'Du {from} au {to}',
		hist_count: { one: '{n} mesure', other: '{n} mesures' },
		hist_zoomed: 'Zoom : du {from} au {to}',
		reset_zoom: 'Réinitialiser le zoom',
		refresh: 'Actualiser',
		retry: 'Réessayer',
		loading: 'Chargement de l’historique…',
		hist_error: 'Connexion perdue : impossible de charger l’historique ({detail}).',
		hist_updated: 'Chargé à {time}',
		table_title: { one: 'La mesure la plus récente', other: 'Les {n} mesures les plus récentes' },
		table_caption: 'Les plus récentes en premier, heure locale',
		col_time: 'Date et heure',
		col_cpu: 'Processeur',
		col_ram: 'Mémoire',
		col_disk: 'Disque',
		col_uptime: 'Fonctionnement',
		empty_title: 'Pas encore d’historique',
		empty_body: 'L’historique vient du fichier CSV qu’écrit le collecteur sysdash. Pour démarrer les exports, lancez depuis le dossier de sysdash :',
		empty_or: 'ou, pour le collecteur seul :',
		empty_after: 'Une mesure est ajoutée toutes les 2 secondes ; rechargez ensuite cette page.',
		err_http: 'HTTP {status}',
		err_network: 'serveur injoignable',
		err_timeout: 'délai dépassé',
		err_format: 'réponse illisible',
	},
	en: {
		app_title: 'System dashboard',
		title_live: 'System dashboard — sysdash',
		title_history: 'History — sysdash',
		skip: 'Skip to content',
		nav_label: 'Pages',
		nav_live: 'Live',
		nav_history: 'History',
		lang_label: 'Language',
		host: 'Host: {host}',
		conn_connecting: 'Connecting to the server…',
		conn_ok: 'Connected',
		conn_lost: 'Connection lost',
		conn_updated: 'updated {age}',
		conn_last: 'last data received {age}',
		conn_never: 'no data received',
		conn_retry: 'retrying every {s} s',
		badge_waiting: 'Waiting for the first measurements…',
		badge_ok: 'All clear: no threshold exceeded',
		badge_alert: 'Alert: {list}',
		badge_unknown: 'Status unknown: no recent data',
		alert_item: '{name} at {value} (threshold {threshold})',
		alert_item_nothr: '{name} at {value}, over its threshold',
		cards_label: 'Indicators',
		card_health: 'System health',
		card_cpu: 'CPU',
		card_ram: 'Memory',
		card_disk: 'Disk',
		card_uptime: 'Uptime',
		score_aria: 'Health score: {score} out of 100',
		status_ok: 'Good',
		status_warn: 'Needs attention',
		status_critical: 'Critical',
		components: 'CPU {cpu} · Memory {ram} · Disk {disk}',
		used_of: '{used} of {total} GiB used',
		cpu_cores: { one: '{n} core', other: '{n} cores' },
		load: 'load {load}',
		up_since: 'up since {date}',
		flag_over_thr: 'Alert threshold reached ({threshold})',
		flag_over: 'Alert threshold reached',
		stale: 'Stale data',
		chart_live_title: 'CPU and memory trend',
		chart_live_sub: { one: 'latest measurement', other: 'latest {n} measurements' },
		chart_live_aria: 'Chart of CPU and memory use in percent over time',
		chart_empty: 'The chart appears with the first measurements.',
		series_time: 'Time',
		series_cpu: 'CPU',
		series_ram: 'Memory',
		series_disk: 'Disk',
		latest_title: 'Latest measurement',
		latest_metric: 'Metric',
		latest_value: 'Value',
		row_time: 'Timestamp',
		row_cpu: 'CPU',
		row_ram: 'Memory used',
		row_ram_gib: 'Memory (GiB)',
		row_disk: 'Disk used',
		row_disk_gib: 'Disk (GiB)',
		row_uptime: 'Uptime',
		row_cpu_alert: 'CPU alert',
		row_ram_alert: 'Memory alert',
		gib_pair: '{used} / {total} GiB',
		yes: 'Yes',
		no: 'No',
		footer_refresh: 'Refreshes automatically every {s} seconds.',
		footer_history: 'History is read from the export CSV file.',
		hist_title: 'Measurement history',
		hist_chart_title: 'CPU, memory and disk',
		hist_hint: 'Hover over the chart to read values, drag to zoom, double-click to reset.',
		hist_chart_aria: 'Chart of CPU, memory and disk use in percent over time',
		hist_range: 'From {from} to {to}',
		hist_count: { one: '{n} measurement', other: '{n} measurements' },
		hist_zoomed: 'Zoomed: {from} to {to}',
		reset_zoom: 'Reset zoom',
		refresh: 'Refresh',
		retry: 'Retry',
		loading: 'Loading history…',
		hist_error: 'Connection lost: could not load the history ({detail}).',
		hist_updated: 'Loaded at {time}',
		table_title: { one: 'Most recent measurement', other: '{n} most recent measurements' },
		table_caption: 'Newest first, local time',
		col_time: 'Date and time',
		col_cpu: 'CPU',
		col_ram: 'Memory',
		col_disk: 'Disk',
		col_uptime: 'Uptime',
		empty_title: 'No history yet',
		empty_body: 'History comes from the CSV file the sysdash sampler writes. To start the exports, run this from the sysdash folder:',
		empty_or: 'or, for the sampler alone:',
		empty_after: 'A measurement is added every 2 seconds; then reload this page.',
		err_http: 'HTTP {status}',
		err_network: 'server unreachable',
		err_timeout: 'timed out',
		err_format: 'unreadable answer',
	},
	es: {
		app_title: 'Panel del sistema',
		title_live: 'Panel del sistema — sysdash',
		title_history: 'Historial — sysdash',
		skip: 'Saltar al contenido',
		nav_label: 'Páginas',
		nav_live: 'En directo',
		nav_history: 'Historial',
		lang_label: 'Idioma',
		host: 'Equipo: {host}',
		conn_connecting: 'Conectando con el servidor…',
		conn_ok: 'Conectado',
		conn_lost: 'Conexión perdida',
		conn_updated: 'actualizado {age}',
		conn_last: 'últimos datos recibidos {age}',
		conn_never: 'no se ha recibido ningún dato',
		conn_retry: 'reintento cada {s} s',
		badge_waiting: 'Esperando las primeras mediciones…',
		badge_ok: 'Todo en orden: ningún umbral superado',
		badge_alert: 'Alerta: {list}',
		badge_unknown: 'Estado desconocido: sin datos recientes',
		alert_item: '{name} al {value} (umbral {threshold})',
		alert_item_nothr: '{name} al {value}, por encima del umbral',
		cards_label: 'Indicadores',
		card_health: 'Salud del sistema',
		card_cpu: 'Procesador',
		card_ram: 'Memoria',
		card_disk: 'Disco',
		card_uptime: 'Tiempo en marcha',
		score_aria: 'Puntuación de salud: {score} de 100',
		status_ok: 'Buena',
		status_warn: 'Requiere atención',
		status_critical: 'Crítica',
		components: 'Procesador {cpu} · Memoria {ram} · Disco {disk}',
		used_of: '{used} de {total} GiB en uso',
		cpu_cores: { one: '{n} núcleo', other: '{n} núcleos' },
		load: 'carga {load}',
		up_since: 'en marcha desde el {date}',
		flag_over_thr: 'Umbral de alerta alcanzado ({threshold})',
		flag_over: 'Umbral de alerta alcanzado',
		stale: 'Datos desactualizados',
		chart_live_title: 'Evolución del procesador y la memoria',
		chart_live_sub: { one: 'última medición', other: 'últimas {n} mediciones' },
		chart_live_aria: 'Gráfico del uso del procesador y de la memoria en porcentaje a lo largo del tiempo',
		chart_empty: 'El gráfico aparecerá con las primeras mediciones.',
		series_time: 'Hora',
		series_cpu: 'Procesador',
		series_ram: 'Memoria',
		series_disk: 'Disco',
		latest_title: 'Última medición',
		latest_metric: 'Métrica',
		latest_value: 'Valor',
		row_time: 'Fecha y hora',
		row_cpu: 'Procesador',
		row_ram: 'Memoria en uso',
		row_ram_gib: 'Memoria (GiB)',
		row_disk: 'Disco en uso',
		row_disk_gib: 'Disco (GiB)',
		row_uptime: 'Tiempo en marcha',
		row_cpu_alert: 'Alerta de procesador',
		row_ram_alert: 'Alerta de memoria',
		gib_pair: '{used} / {total} GiB',
		yes: 'Sí',
		no: 'No',
		footer_refresh: 'Se actualiza automáticamente cada {s} segundos.',
		footer_history: 'El historial se lee del archivo CSV de exportación.',
		hist_title: 'Historial de mediciones',
		hist_chart_title: 'Procesador, memoria y disco',
		hist_hint: 'Pase el cursor por el gráfico para leer los valores, arrastre para ampliar y haga doble clic para restablecer.',
		hist_chart_aria: 'Gráfico del uso del procesador, la memoria y el disco en porcentaje a lo largo del tiempo',
		hist_range: 'Del {from} al {to}',
		hist_count: { one: '{n} medición', other: '{n} mediciones' },
		hist_zoomed: 'Ampliado: del {from} al {to}',
		reset_zoom: 'Restablecer el zoom',
		refresh: 'Actualizar',
		retry: 'Reintentar',
		loading: 'Cargando el historial…',
		hist_error: 'Conexión perdida: no se pudo cargar el historial ({detail}).',
		hist_updated: 'Cargado a las {time}',
		table_title: { one: 'La medición más reciente', other: 'Las {n} mediciones más recientes' },
		table_caption: 'Las más recientes primero, hora local',
		col_time: 'Fecha y hora',
		col_cpu: 'Procesador',
		col_ram: 'Memoria',
		col_disk: 'Disco',
		col_uptime: 'En marcha',
		empty_title: 'Todavía no hay historial',
		empty_body: 'El historial procede del archivo CSV que escribe el recolector de sysdash. Para iniciar las exportaciones, ejecute desde la carpeta de sysdash:',
		empty_or: 'o, solo para el recolector:',
		empty_after: 'Se añade una medición cada 2 segundos; después, recargue esta página.',
		err_http: 'HTTP {status}',
		err_network: 'servidor inaccesible',
		err_timeout: 'tiempo de espera agotado',
		err_format: 'respuesta ilegible',
	},
	ru: {
		app_title: 'Панель мониторинга системы',
		title_live: 'Панель мониторинга системы — sysdash',
		title_history: 'История — sysdash',
		skip: 'Перейти к содержимому',
		nav_label: 'Страницы',
		nav_live: 'Сейчас',
		nav_history: 'История',
		lang_label: 'Язык',
		host: 'Хост: {host}',
		conn_connecting: 'Подключение к серверу…',
		conn_ok: 'Подключено',
		conn_lost: 'Соединение потеряно',
		conn_updated: 'обновлено {age}',
		conn_last: 'последние данные получены {age}',
		conn_never: 'данные не получены',
		conn_retry: 'повтор каждые {s} с',
		badge_waiting: 'Ожидание первых измерений…',
		badge_ok: 'Всё в порядке: пороги не превышены',
		badge_alert: 'Тревога: {list}',
		badge_unknown: 'Состояние неизвестно: нет свежих данных',
		alert_item: '{name} — {value} (порог {threshold})',
		alert_item_nothr: '{name} — {value}, выше порога',
		cards_label: 'Показатели',
		card_health: 'Состояние системы',
		card_cpu: 'Процессор',
		card_ram: 'Память',
		card_disk: 'Диск',
		card_uptime: 'Время работы',
		score_aria: 'Оценка состояния: {score} из 100',
		status_ok: 'Хорошо',
		status_warn: 'Требует внимания',
		status_critical: 'Критично',
		components: 'Процессор {cpu} · Память {ram} · Диск {disk}',
		used_of: 'занято {used} из {total} ГиБ',
		cpu_cores: { one: '{n} ядро', few: '{n} ядра', many: '{n} ядер', other: '{n} ядра' },
		load: 'нагрузка {load}',
		up_since: 'работает с {date}',
		flag_over_thr: 'Достигнут порог тревоги ({threshold})',
		flag_over: 'Достигнут порог тревоги',
		stale: 'Устаревшие данные',
		chart_live_title: 'Динамика процессора и памяти',
		chart_live_sub: { one: 'последнее {n} измерение', few: 'последние {n} измерения', many: 'последние {n} измерений', other: 'последние {n} измерения' },
		chart_live_aria: 'График загрузки процессора и памяти в процентах во времени',
		chart_empty: 'График появится после первых измерений.',
		series_time: 'Время',
		series_cpu: 'Процессор',
		series_ram: 'Память',
		series_disk: 'Диск',
		latest_title: 'Последнее измерение',
		latest_metric: 'Показатель',
		latest_value: 'Значение',
		row_time: 'Время измерения',
		row_cpu: 'Процессор',
		row_ram: 'Занято памяти',
		row_ram_gib: 'Память (ГиБ)',
		row_disk: 'Занято на диске',
		row_disk_gib: 'Диск (ГиБ)',
		row_uptime: 'Время работы',
		row_cpu_alert: 'Тревога по процессору',
		row_ram_alert: 'Тревога по памяти',
		gib_pair: '{used} / {total} ГиБ',
		yes: 'Да',
		no: 'Нет',
		footer_refresh: 'Автоматическое обновление каждые {s} секунды.',
		footer_history: 'История читается из CSV-файла экспорта.',
		hist_title: 'История измерений',
		hist_chart_title: 'Процессор, память и диск',
		hist_hint: 'Наведите указатель на график, чтобы увидеть значения; выделите участок для увеличения; двойной щелчок возвращает исходный вид.',
		hist_chart_aria: 'График загрузки процессора, памяти и диска в процентах во времени',
		hist_range: 'С {from} по {to}',
		hist_count: { one: '{n} измерение', few: '{n} измерения', many: '{n} измерений', other: '{n} измерения' },
		hist_zoomed: 'Увеличено: с {from} по {to}',
		reset_zoom: 'Сбросить масштаб',
		refresh: 'Обновить',
		retry: 'Повторить',
		loading: 'Загрузка истории…',
		hist_error: 'Соединение потеряно: не удалось загрузить историю ({detail}).',
		hist_updated: 'Загружено в {time}',
		table_title: { one: 'Последнее {n} измерение', few: 'Последние {n} измерения', many: 'Последние {n} измерений', other: 'Последние {n} измерения' },
		table_caption: 'Сначала самые новые, местное время',
		col_time: 'Дата и время',
		col_cpu: 'Процессор',
		col_ram: 'Память',
		col_disk: 'Диск',
		col_uptime: 'Время работы',
		empty_title: 'Истории пока нет',
		empty_body: 'История берётся из CSV-файла, который пишет сборщик sysdash. Чтобы запустить экспорт, выполните в папке sysdash:',
		empty_or: 'или, только для сборщика:',
		empty_after: 'Измерение добавляется каждые 2 секунды; затем перезагрузите эту страницу.',
		err_http: 'HTTP {status}',
		err_network: 'сервер недоступен',
		err_timeout: 'превышено время ожидания',
		err_format: 'нечитаемый ответ',
	},
};

let lang = DEFAULT_LANG;
let locale = DEFAULT_LANG; /* for Intl: the browser's own variant of lang */
const listeners = [];

/* The language in use: fr, en, es or ru. */
export function currentLang() {
	return lang;
}

function storedLang() {
	try {
		const v = window.localStorage.getItem(STORE_KEY);
		return v && DICT[v] ? v : null;
	} catch {
		return null; /* storage disabled: follow the browser */
	}
}

/* The first of the browser's languages we have, else French. */
export function browserLang(list) {
	for (const tag of list || []) {
		const base = String(tag).toLowerCase().split('-')[0];
		if (DICT[base])
			return base;
	}
	return DEFAULT_LANG;
}

/* The browser's tag for lang when it has one (en-GB writes dates as
 * 27/12/2025, en-US as 12/27/2025), else lang itself. */
function localeFor(l) {
	for (const tag of navigator.languages || [navigator.language]) {
		if (String(tag).toLowerCase().split('-')[0] === l) {
			try {
				return Intl.getCanonicalLocales(tag)[0];
			} catch {
				break;
			}
		}
	}
	return l;
}

/* Looks key up in the current language and fills {name} placeholders.
 * Plural values pick their form with params.n. A missing key shows the
 * key itself so that it is noticed, never a blank. */
export function t(key, params = {}) {
	let v = DICT[lang][key];
	if (v === undefined)
		v = key;
	if (typeof v === 'object') {
		const form = new Intl.PluralRules(locale).select(params.n ?? 0);
		v = v[form] ?? v.other;
		if (params.n !== undefined && typeof params.n === 'number')
			params = { ...params, n: fmtNumber(params.n, 0) };
	}
	return v.replace(/\{(\w+)\}/g, (m, name) =>
		params[name] !== undefined ? String(params[name]) : m);
}

const numFormats = new Map();

function numberFormat(opts) {
	const k = locale + JSON.stringify(opts);
	if (!numFormats.has(k))
		numFormats.set(k, new Intl.NumberFormat(locale, opts));
	return numFormats.get(k);
}

/* A number with exactly the given decimals in the current language. */
export function fmtNumber(v, decimals = 1) {
	if (typeof v !== 'number' || !Number.isFinite(v))
		return '–';
	return numberFormat({ minimumFractionDigits: decimals,
		maximumFractionDigits: decimals }).format(v);
}

/* A percentage given in 0..100 ("12,5 %" in French, "12.5%" in English). */
export function fmtPercent(v, decimals = 1) {
	if (typeof v !== 'number' || !Number.isFinite(v))
		return '–';
	return numberFormat({ style: 'percent', minimumFractionDigits: decimals,
		maximumFractionDigits: decimals }).format(v / 100);
}

/* Date and time in local time; style is 'full' (date + time with seconds),
 * 'short' (numeric date + time), 'time' or 'date'. */
export function fmtDate(d, style = 'full') {
	if (!(d instanceof Date) || Number.isNaN(d.getTime()))
		return '–';
	const opts = {
		full: { dateStyle: 'medium', timeStyle: 'medium' },
		short: { dateStyle: 'short', timeStyle: 'medium' },
		minute: { dateStyle: 'short', timeStyle: 'short' },
		time: { timeStyle: 'medium' },
		hm: { timeStyle: 'short' },
		date: { day: 'numeric', month: 'short' },
		day: { dateStyle: 'short' },
	}[style];
	return new Intl.DateTimeFormat(locale, opts).format(d);
}

/* How long ago, in words ("il y a 5 secondes", "5 seconds ago"). */
export function fmtAge(ms) {
	const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	const s = Math.max(0, Math.round(ms / 1000));
	if (s < 60)
		return rtf.format(-s, 'second');
	if (s < 3600)
		return rtf.format(-Math.floor(s / 60), 'minute');
	if (s < 86400)
		return rtf.format(-Math.floor(s / 3600), 'hour');
	return rtf.format(-Math.floor(s / 86400), 'day');
}

/* A conjunction list ("CPU et RAM"). */
export function fmtList(items) {
	return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

/* Fills every data-i18n and data-i18n-attr element under root. */
export function applyStatic(root = document) {
	for (const el of root.querySelectorAll('[data-i18n]'))
		el.textContent = t(el.dataset.i18n);
	for (const el of root.querySelectorAll('[data-i18n-attr]')) {
		for (const pair of el.dataset.i18nAttr.split(/\s+/)) {
			const [attr, key] = pair.split(':');
			if (attr && key)
				el.setAttribute(attr, t(key));
		}
	}
	const title = document.querySelector('title[data-i18n]');
	if (title)
		document.title = title.textContent;
}

/* Switches language: stores the choice, sets <html lang>, refills the
 * static strings and tells the page (onLangChange) to redraw the rest. */
export function setLang(l, { store = true } = {}) {
	if (!DICT[l])
		return;
	lang = l;
	locale = localeFor(l);
	document.documentElement.lang = l;
	if (store) {
		try {
			window.localStorage.setItem(STORE_KEY, l);
		} catch {
			/* storage disabled: the choice lasts until reload */
		}
	}
	applyStatic();
	for (const select of document.querySelectorAll('select.lang-select'))
		select.value = l;
	for (const fn of listeners)
		fn(l);
}

/* Registers fn(lang), called after every language change. */
export function onLangChange(fn) {
	listeners.push(fn);
}

/* Picks the stored or browser language and wires the selectors. */
export function initI18n() {
	for (const select of document.querySelectorAll('select.lang-select')) {
		select.replaceChildren();
		for (const [code, name] of Object.entries(LANGS)) {
			const opt = document.createElement('option');
			opt.value = code;
			opt.lang = code;
			opt.textContent = name;
			select.append(opt);
		}
		select.addEventListener('change', () => setLang(select.value));
	}
	const first = storedLang() || browserLang(navigator.languages ||
		[navigator.language]);
	setLang(first, { store: false });
}

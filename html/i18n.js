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
		range_label: 'Période',
		range_1h: '1 h',
		range_6h: '6 h',
		range_24h: '24 h',
		range_7d: '7 j',
		range_30d: '30 j',
		range_all: 'Tout',
		hist_step: 'un point par {step}',
		hist_band: '{avg} (de {min} à {max})',
		hist_window_empty: 'Aucune mesure sur cette période.',
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
		actions_title: 'Actions de maintenance',
		actions_sub: 'Vérifiées par le serveur et consignées dans son journal d’audit',
		actions_loading: 'Chargement des actions…',
		actions_load_error: 'Impossible de lire la liste des actions ({detail}).',
		actions_disabled: 'Les actions sont désactivées sur ce serveur : pour les activer, définissez ACTION_TOKEN (16 caractères ou plus) dans son environnement, puis redémarrez-le.',
		actions_disabled_short: 'Les actions sont désactivées sur ce serveur : son ACTION_TOKEN est trop court (16 caractères au moins). Définissez un jeton plus long, puis redémarrez-le.',
		token_label: 'Jeton d’action',
		token_hint: 'Gardé dans cet onglet seulement (sessionStorage) et envoyé au serveur avec chaque action.',
		token_forget: 'Oublier le jeton',
		server_says: 'Message du serveur : {text}',
		state_ready: 'Prête à lancer',
		state_confirm: 'Prête à lancer, après confirmation',
		state_unavailable: 'Indisponible ici : {reason}',
		state_off: 'Désactivée sur ce serveur',
		act_flush_dns: 'Vider le cache DNS',
		act_restart_spooler: 'Redémarrer le spouleur d’impression',
		act_cleanup_temp: 'Nettoyer les fichiers temporaires',
		act_cleanup_teams: 'Vider le cache de Teams',
		act_cleanup_outlook: 'Vider le cache d’Outlook',
		act_collect_logs: 'Collecter les journaux',
		desc_flush_dns: 'Vide le cache DNS local (systemd-resolved ou nscd).',
		desc_restart_spooler: 'Redémarre le service d’impression CUPS.',
		desc_cleanup_temp: 'Supprime les fichiers .tmp du service dans le dossier temporaire.',
		desc_cleanup_teams: 'Vide les dossiers de cache de Teams pour Linux.',
		desc_cleanup_outlook: 'Vide le cache d’Outlook (sous Windows seulement).',
		desc_collect_logs: 'Crée une archive de diagnostic .tar.gz dans le dossier de données.',
		why_flush_dns: 'aucun cache DNS local (ni systemd-resolved ni nscd ne fonctionne).',
		why_restart_spooler: 'pas de spouleur d’impression (CUPS n’est pas installé comme service).',
		why_cleanup_temp: 'le dossier temporaire n’existe pas.',
		why_cleanup_teams: 'aucun cache de Teams pour Linux chez l’utilisateur du service.',
		why_cleanup_outlook: 'Outlook n’a pas de cache sous Linux, il n’y a rien à nettoyer.',
		why_collect_logs: 'impossible d’écrire l’archive (tar manque ou le dossier de données est en lecture seule).',
		why_other: 'le serveur ne peut pas la lancer.',
		confirm_title: 'Lancer « {name} » ?',
		confirm_cleanup_temp: 'Les fichiers .tmp appartenant au service, à la racine du dossier temporaire du serveur, seront supprimés définitivement.',
		confirm_cleanup_teams: 'Le contenu des dossiers de cache de Teams pour Linux sera supprimé ; Teams devra le télécharger de nouveau.',
		confirm_cleanup_outlook: 'Le cache d’Outlook sera vidé.',
		confirm_irreversible: 'Cette opération ne peut pas être annulée.',
		confirm_ok: 'Oui, lancer',
		cancel: 'Annuler',
		cancelled: 'Rien n’a été lancé : « {name} » annulée.',
		running: '« {name} » en cours…',
		res_flush_dns: 'Cache DNS vidé.',
		res_restart_spooler: 'Spouleur d’impression redémarré.',
		res_cleanup_temp: { one: 'Nettoyage terminé : {n} fichier temporaire supprimé ({size}).', other: 'Nettoyage terminé : {n} fichiers temporaires supprimés ({size}).' },
		res_cleanup_teams: { one: 'Cache de Teams vidé : {n} fichier supprimé ({size}).', other: 'Cache de Teams vidé : {n} fichiers supprimés ({size}).' },
		res_collect_logs: 'Journaux collectés dans {path} ({size}).',
		res_done: '« {name} » terminée.',
		res_failed: '« {name} » a échoué.',
		res_unavailable: '« {name} » n’a pas pu être lancée : {reason}',
		err_token_missing: 'Jeton requis : saisissez le jeton d’action (la valeur d’ACTION_TOKEN sur le serveur), puis relancez.',
		err_token_wrong: 'Jeton refusé : il ne correspond pas à celui du serveur. Vérifiez-le, puis relancez.',
		err_token_chars: 'Le jeton contient des caractères qui ne peuvent pas être envoyés.',
		err_origin: 'Demande refusée : le serveur n’accepte les actions que depuis ses propres pages.',
		err_busy: '« {name} » est déjà en cours : attendez qu’elle se termine.',
		err_rate: 'Trop de demandes : attendez un peu avant de relancer.',
		err_rate_after: 'Trop de demandes : relancez {when}.',
		err_refused: 'Le serveur a refusé la demande (HTTP {status}).',
		err_server: 'Erreur du serveur (HTTP {status}) : l’action n’a pas pu être lancée.',
		err_no_answer: 'Pas de réponse du serveur ({detail}) : l’action a pu s’exécuter ou non.',
		detail_summary: 'Réponse du serveur',
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
		range_label: 'Time range',
		range_1h: '1 h',
		range_6h: '6 h',
		range_24h: '24 h',
		range_7d: '7 d',
		range_30d: '30 d',
		range_all: 'All',
		hist_step: 'one point per {step}',
		hist_band: '{avg} ({min} to {max})',
		hist_window_empty: 'No measurements in this time range.',
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
		actions_title: 'Maintenance actions',
		actions_sub: 'Checked by the server and recorded in its audit log',
		actions_loading: 'Loading actions…',
		actions_load_error: 'Could not read the list of actions ({detail}).',
		actions_disabled: 'Actions are disabled on this server: to enable them, set ACTION_TOKEN (16 characters or more) in its environment and restart it.',
		actions_disabled_short: 'Actions are disabled on this server: its ACTION_TOKEN is too short (16 characters at least). Set a longer token and restart it.',
		token_label: 'Action token',
		token_hint: 'Kept in this tab only (sessionStorage) and sent to the server with each action.',
		token_forget: 'Forget the token',
		server_says: 'Server message: {text}',
		state_ready: 'Ready to run',
		state_confirm: 'Ready to run, after confirmation',
		state_unavailable: 'Not available here: {reason}',
		state_off: 'Disabled on this server',
		act_flush_dns: 'Flush the DNS cache',
		act_restart_spooler: 'Restart the print spooler',
		act_cleanup_temp: 'Clean up temporary files',
		act_cleanup_teams: 'Clear the Teams cache',
		act_cleanup_outlook: 'Clear the Outlook cache',
		act_collect_logs: 'Collect logs',
		desc_flush_dns: 'Empties the local DNS cache (systemd-resolved or nscd).',
		desc_restart_spooler: 'Restarts the CUPS print service.',
		desc_cleanup_temp: 'Deletes the service’s .tmp files from the temporary folder.',
		desc_cleanup_teams: 'Empties the cache folders of Teams for Linux.',
		desc_cleanup_outlook: 'Clears the Outlook cache (on Windows only).',
		desc_collect_logs: 'Creates a .tar.gz diagnostic archive in the data folder.',
		why_flush_dns: 'no local DNS cache (neither systemd-resolved nor nscd runs).',
		why_restart_spooler: 'no print spooler (CUPS is not installed as a service).',
		why_cleanup_temp: 'the temporary folder does not exist.',
		why_cleanup_teams: 'the service user has no Teams for Linux cache.',
		why_cleanup_outlook: 'Outlook keeps no cache on Linux, there is nothing to clean.',
		why_collect_logs: 'cannot write the archive (tar is missing or the data folder is read-only).',
		why_other: 'the server cannot run it.',
		confirm_title: 'Run “{name}”?',
		confirm_cleanup_temp: 'The .tmp files owned by the service at the top of the server’s temporary folder will be deleted for good.',
		confirm_cleanup_teams: 'The contents of the Teams for Linux cache folders will be deleted; Teams will have to download them again.',
		confirm_cleanup_outlook: 'The Outlook cache will be cleared.',
		confirm_irreversible: 'This cannot be undone.',
		confirm_ok: 'Yes, run it',
		cancel: 'Cancel',
		cancelled: 'Nothing was run: “{name}” cancelled.',
		running: '“{name}” running…',
		res_flush_dns: 'DNS cache flushed.',
		res_restart_spooler: 'Print spooler restarted.',
		res_cleanup_temp: { one: 'Clean-up done: {n} temporary file deleted ({size}).', other: 'Clean-up done: {n} temporary files deleted ({size}).' },
		res_cleanup_teams: { one: 'Teams cache cleared: {n} file deleted ({size}).', other: 'Teams cache cleared: {n} files deleted ({size}).' },
		res_collect_logs: 'Logs collected in {path} ({size}).',
		res_done: '“{name}” done.',
		res_failed: '“{name}” failed.',
		res_unavailable: '“{name}” could not run: {reason}',
		err_token_missing: 'Token required: enter the action token (the value of ACTION_TOKEN on the server), then run the action again.',
		err_token_wrong: 'Token refused: it does not match the server’s. Check it, then run the action again.',
		err_token_chars: 'The token holds characters that cannot be sent.',
		err_origin: 'Request refused: the server accepts actions from its own pages only.',
		err_busy: '“{name}” is already running: wait for it to finish.',
		err_rate: 'Too many requests: wait a little before trying again.',
		err_rate_after: 'Too many requests: try again {when}.',
		err_refused: 'The server refused the request (HTTP {status}).',
		err_server: 'Server error (HTTP {status}): the action could not run.',
		err_no_answer: 'No answer from the server ({detail}): the action may or may not have run.',
		detail_summary: 'Server answer',
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
		range_label: 'Periodo',
		range_1h: '1 h',
		range_6h: '6 h',
		range_24h: '24 h',
		range_7d: '7 d',
		range_30d: '30 d',
		range_all: 'Todo',
		hist_step: 'un punto cada {step}',
		hist_band: '{avg} (de {min} a {max})',
		hist_window_empty: 'No hay mediciones en este periodo.',
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
		actions_title: 'Acciones de mantenimiento',
		actions_sub: 'Comprobadas por el servidor y anotadas en su registro de auditoría',
		actions_loading: 'Cargando las acciones…',
		actions_load_error: 'No se pudo leer la lista de acciones ({detail}).',
		actions_disabled: 'Las acciones están desactivadas en este servidor: para activarlas, defina ACTION_TOKEN (16 caracteres o más) en su entorno y reinícielo.',
		actions_disabled_short: 'Las acciones están desactivadas en este servidor: su ACTION_TOKEN es demasiado corto (16 caracteres como mínimo). Defina un token más largo y reinícielo.',
		token_label: 'Token de acciones',
		token_hint: 'Se guarda solo en esta pestaña (sessionStorage) y se envía al servidor con cada acción.',
		token_forget: 'Olvidar el token',
		server_says: 'Mensaje del servidor: {text}',
		state_ready: 'Lista para ejecutarse',
		state_confirm: 'Lista para ejecutarse, tras confirmación',
		state_unavailable: 'No disponible aquí: {reason}',
		state_off: 'Desactivada en este servidor',
		act_flush_dns: 'Vaciar la caché DNS',
		act_restart_spooler: 'Reiniciar la cola de impresión',
		act_cleanup_temp: 'Limpiar los archivos temporales',
		act_cleanup_teams: 'Vaciar la caché de Teams',
		act_cleanup_outlook: 'Vaciar la caché de Outlook',
		act_collect_logs: 'Recopilar los registros',
		desc_flush_dns: 'Vacía la caché DNS local (systemd-resolved o nscd).',
		desc_restart_spooler: 'Reinicia el servicio de impresión CUPS.',
		desc_cleanup_temp: 'Elimina los archivos .tmp del servicio en la carpeta temporal.',
		desc_cleanup_teams: 'Vacía las carpetas de caché de Teams para Linux.',
		desc_cleanup_outlook: 'Vacía la caché de Outlook (solo en Windows).',
		desc_collect_logs: 'Crea un archivo de diagnóstico .tar.gz en la carpeta de datos.',
		why_flush_dns: 'no hay caché DNS local (no se ejecuta ni systemd-resolved ni nscd).',
		why_restart_spooler: 'no hay cola de impresión (CUPS no está instalado como servicio).',
		why_cleanup_temp: 'la carpeta temporal no existe.',
		why_cleanup_teams: 'el usuario del servicio no tiene caché de Teams para Linux.',
		why_cleanup_outlook: 'Outlook no guarda caché en Linux, no hay nada que limpiar.',
		why_collect_logs: 'no se puede escribir el archivo (falta tar o la carpeta de datos es de solo lectura).',
		why_other: 'el servidor no puede ejecutarla.',
		confirm_title: '¿Ejecutar «{name}»?',
		confirm_cleanup_temp: 'Los archivos .tmp del servicio en la raíz de la carpeta temporal del servidor se eliminarán definitivamente.',
		confirm_cleanup_teams: 'Se eliminará el contenido de las carpetas de caché de Teams para Linux; Teams tendrá que volver a descargarlo.',
		confirm_cleanup_outlook: 'Se vaciará la caché de Outlook.',
		confirm_irreversible: 'Esta operación no se puede deshacer.',
		confirm_ok: 'Sí, ejecutar',
		cancel: 'Cancelar',
		cancelled: 'No se ha ejecutado nada: «{name}» cancelada.',
		running: '«{name}» en curso…',
		res_flush_dns: 'Caché DNS vaciada.',
		res_restart_spooler: 'Cola de impresión reiniciada.',
		res_cleanup_temp: { one: 'Limpieza terminada: {n} archivo temporal eliminado ({size}).', other: 'Limpieza terminada: {n} archivos temporales eliminados ({size}).' },
		res_cleanup_teams: { one: 'Caché de Teams vaciada: {n} archivo eliminado ({size}).', other: 'Caché de Teams vaciada: {n} archivos eliminados ({size}).' },
		res_collect_logs: 'Registros recopilados en {path} ({size}).',
		res_done: '«{name}» completada.',
		res_failed: '«{name}» ha fallado.',
		res_unavailable: 'No se pudo ejecutar «{name}»: {reason}',
		err_token_missing: 'Se necesita el token: introduzca el token de acciones (el valor de ACTION_TOKEN en el servidor) y vuelva a ejecutar la acción.',
		err_token_wrong: 'Token rechazado: no coincide con el del servidor. Compruébelo y vuelva a ejecutar la acción.',
		err_token_chars: 'El token contiene caracteres que no se pueden enviar.',
		err_origin: 'Solicitud rechazada: el servidor solo acepta acciones desde sus propias páginas.',
		err_busy: '«{name}» ya está en curso: espere a que termine.',
		err_rate: 'Demasiadas solicitudes: espere un poco antes de volver a intentarlo.',
		err_rate_after: 'Demasiadas solicitudes: vuelva a intentarlo {when}.',
		err_refused: 'El servidor rechazó la solicitud (HTTP {status}).',
		err_server: 'Error del servidor (HTTP {status}): no se pudo ejecutar la acción.',
		err_no_answer: 'Sin respuesta del servidor ({detail}): puede que la acción se haya ejecutado o no.',
		detail_summary: 'Respuesta del servidor',
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
		range_label: 'Период',
		range_1h: '1 ч',
		range_6h: '6 ч',
		range_24h: '24 ч',
		range_7d: '7 д',
		range_30d: '30 д',
		range_all: 'Всё',
		hist_step: 'одна точка на {step}',
		hist_band: '{avg} (от {min} до {max})',
		hist_window_empty: 'За этот период измерений нет.',
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
		actions_title: 'Действия обслуживания',
		actions_sub: 'Проверяются сервером и записываются в его журнал аудита',
		actions_loading: 'Загрузка действий…',
		actions_load_error: 'Не удалось получить список действий ({detail}).',
		actions_disabled: 'Действия на этом сервере отключены: чтобы включить их, задайте ACTION_TOKEN (не короче 16 символов) в окружении сервера и перезапустите его.',
		actions_disabled_short: 'Действия на этом сервере отключены: его ACTION_TOKEN слишком короткий (нужно не меньше 16 символов). Задайте более длинный токен и перезапустите сервер.',
		token_label: 'Токен действий',
		token_hint: 'Хранится только в этой вкладке (sessionStorage) и отправляется серверу с каждым действием.',
		token_forget: 'Забыть токен',
		server_says: 'Сообщение сервера: {text}',
		state_ready: 'Можно запустить',
		state_confirm: 'Можно запустить после подтверждения',
		state_unavailable: 'Недоступно здесь: {reason}',
		state_off: 'Отключено на этом сервере',
		act_flush_dns: 'Очистить кэш DNS',
		act_restart_spooler: 'Перезапустить диспетчер печати',
		act_cleanup_temp: 'Удалить временные файлы',
		act_cleanup_teams: 'Очистить кэш Teams',
		act_cleanup_outlook: 'Очистить кэш Outlook',
		act_collect_logs: 'Собрать журналы',
		desc_flush_dns: 'Сбрасывает локальный кэш DNS (systemd-resolved или nscd).',
		desc_restart_spooler: 'Перезапускает службу печати CUPS.',
		desc_cleanup_temp: 'Удаляет файлы .tmp службы из временной папки.',
		desc_cleanup_teams: 'Очищает папки кэша Teams для Linux.',
		desc_cleanup_outlook: 'Очищает кэш Outlook (только в Windows).',
		desc_collect_logs: 'Создаёт диагностический архив .tar.gz в папке данных.',
		why_flush_dns: 'нет локального кэша DNS (не запущены ни systemd-resolved, ни nscd).',
		why_restart_spooler: 'нет диспетчера печати (CUPS не установлен как служба).',
		why_cleanup_temp: 'временная папка не существует.',
		why_cleanup_teams: 'у пользователя службы нет кэша Teams для Linux.',
		why_cleanup_outlook: 'в Linux у Outlook нет кэша, очищать нечего.',
		why_collect_logs: 'невозможно записать архив (нет tar или папка данных доступна только для чтения).',
		why_other: 'сервер не может его выполнить.',
		confirm_title: 'Запустить «{name}»?',
		confirm_cleanup_temp: 'Файлы .tmp службы в корне временной папки сервера будут удалены безвозвратно.',
		confirm_cleanup_teams: 'Содержимое папок кэша Teams для Linux будет удалено; Teams придётся загрузить его заново.',
		confirm_cleanup_outlook: 'Кэш Outlook будет очищен.',
		confirm_irreversible: 'Это действие нельзя отменить.',
		confirm_ok: 'Да, запустить',
		cancel: 'Отмена',
		cancelled: 'Ничего не запущено: «{name}» отменено.',
		running: '«{name}»: выполняется…',
		res_flush_dns: 'Кэш DNS очищен.',
		res_restart_spooler: 'Диспетчер печати перезапущен.',
		res_cleanup_temp: { one: 'Очистка завершена: удалён {n} временный файл ({size}).', few: 'Очистка завершена: удалено {n} временных файла ({size}).', many: 'Очистка завершена: удалено {n} временных файлов ({size}).', other: 'Очистка завершена: удалено {n} временного файла ({size}).' },
		res_cleanup_teams: { one: 'Кэш Teams очищен: удалён {n} файл ({size}).', few: 'Кэш Teams очищен: удалено {n} файла ({size}).', many: 'Кэш Teams очищен: удалено {n} файлов ({size}).', other: 'Кэш Teams очищен: удалено {n} файла ({size}).' },
		res_collect_logs: 'Журналы собраны в {path} ({size}).',
		res_done: '«{name}»: выполнено.',
		res_failed: '«{name}»: ошибка.',
		res_unavailable: 'Не удалось запустить «{name}»: {reason}',
		err_token_missing: 'Нужен токен: введите токен действий (значение ACTION_TOKEN на сервере) и запустите действие снова.',
		err_token_wrong: 'Токен отклонён: он не совпадает с токеном сервера. Проверьте его и запустите действие снова.',
		err_token_chars: 'Токен содержит символы, которые нельзя отправить.',
		err_origin: 'Запрос отклонён: сервер принимает действия только со своих страниц.',
		err_busy: '«{name}» уже выполняется: дождитесь завершения.',
		err_rate: 'Слишком много запросов: подождите немного и повторите.',
		err_rate_after: 'Слишком много запросов: повторите {when}.',
		err_refused: 'Сервер отклонил запрос (HTTP {status}).',
		err_server: 'Ошибка сервера (HTTP {status}): действие не удалось запустить.',
		err_no_answer: 'Нет ответа от сервера ({detail}): действие могло как выполниться, так и нет.',
		detail_summary: 'Ответ сервера',
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

/* When, from now, in words ("dans 30 secondes", "in 30 seconds"). */
export function fmtIn(ms) {
	const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	const s = Math.max(1, Math.round(ms / 1000));
	return s < 120 ? rtf.format(s, 'second') : rtf.format(Math.round(s / 60), 'minute');
}

/* A size in bytes, decimal units as Intl names them ("532 octets",
 * "12,3 ko", "4.5 MB"). */
export function fmtBytes(v) {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
		return '–';
	if (v < 1000)
		return numberFormat({ style: 'unit', unit: 'byte', unitDisplay: 'long',
			maximumFractionDigits: 0 }).format(v);
	const units = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
	let i = 0;
	v /= 1000;
	while (v >= 999.95 && i < units.length - 1) {
		v /= 1000;
		i++;
	}
	return numberFormat({ style: 'unit', unit: units[i], unitDisplay: 'short',
		maximumFractionDigits: 1 }).format(v);
}

/* A span of whole seconds in its largest exact unit ("5 min", "3 h",
 * "2 j" in French, "2 days" style short units through Intl). */
export function fmtDuration(seconds) {
	const units = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
	const [size, unit] = units.find(([u]) => seconds % u === 0 && seconds >= u) ||
		units[units.length - 1];
	return numberFormat({ style: 'unit', unit, unitDisplay: 'short',
		maximumFractionDigits: 0 }).format(seconds / size);
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

/* message.c: webhook texts in French (the old tool's), English, Spanish and
 * Russian. UTF-8; the JSON encoder escapes what it must. */
#include "message.h"

#include <errno.h>
#include <stdio.h>

struct texts {
	const char *title[ALERT_MAX];
	const char *status[HEALTH_MAX];
	/* "resolved" while the status is not ok yet (critical -> warn) */
	const char *no_longer_critical;
	const char *host, *score, *disk, *threshold, *crossed;
	const char *colon; /* French puts a space before ":" */
};

static const struct texts texts[SD_LANG_MAX] = {
	[SD_FR] =
		{
			{"", "🔴 Alerte sysdash : état critique",
                         "🔴 Rappel sysdash : toujours critique",
                         "✅ sysdash : retour à la normale",
                         "🔔 sysdash : message de test"},
			{"normal", "à surveiller", "critique"},
			"🟠 sysdash : n'est plus critique",
			"Hôte",
			"score",
			"Disque",
			"seuil",
			"dépassé",
			" :",
		},
	[SD_EN] =
		{
			{"", "🔴 sysdash alert: critical",
                         "🔴 sysdash reminder: still critical",
                         "✅ sysdash: resolved, back to normal",
                         "🔔 sysdash: test message"},
			{"ok", "warning", "critical"},
			"🟠 sysdash: no longer critical",
			"Host",
			"score",
			"Disk",
			"threshold",
			"crossed",
			":",
		},
	[SD_ES] =
		{
			{"", "🔴 Alerta de sysdash: estado crítico",
                         "🔴 Recordatorio de sysdash: sigue crítico",
                         "✅ sysdash: resuelto, todo normal",
                         "🔔 sysdash: mensaje de prueba"},
			{"normal", "atención", "crítico"},
			"🟠 sysdash: ya no está en estado crítico",
			"Equipo",
			"puntuación",
			"Disco",
			"umbral",
			"superado",
			":",
		},
	[SD_RU] =
		{
			{"", "🔴 Тревога sysdash: критическое состояние",
                         "🔴 Напоминание sysdash: всё ещё критично",
                         "✅ sysdash: проблема решена, всё в норме",
                         "🔔 sysdash: тестовое сообщение"},
			{"норма", "внимание", "критично"},
			"🟠 sysdash: уже не критично",
			"Хост",
			"оценка",
			"Диск",
			"порог",
			"превышен",
			":",
		},
};

static const char *const started[SD_LANG_MAX] = {
	[SD_FR] = "Surveillance en cours… (Ctrl+C pour arrêter)",
	[SD_EN] = "Monitoring… (Ctrl+C to stop)",
	[SD_ES] = "Supervisión en curso… (Ctrl+C para detener)",
	[SD_RU] = "Идёт мониторинг… (Ctrl+C для остановки)",
};

static const char *const stopped[SD_LANG_MAX] = {
	[SD_FR] = "Arrêté.",
	[SD_EN] = "Stopped.",
	[SD_ES] = "Detenido.",
	[SD_RU] = "Остановлено.",
};

const char *
msg_started(enum sd_lang l)
{
	return started[l < SD_LANG_MAX ? l : SD_FR];
}

const char *
msg_stopped(enum sd_lang l)
{
	return stopped[l < SD_LANG_MAX ? l : SD_FR];
}

/* "CPU 95.0 % (seuil 80 % dépassé)" or "CPU 12.5 %" */
static int
figure(char *buf, size_t n, const struct texts *t, const char *name,
       double value, double limit, bool crossed)
{
	if (crossed)
		return snprintf(buf, n, "⚠ %s %.1f %% (%s %g %% %s)", name,
		                value, t->threshold, limit, t->crossed);
	return snprintf(buf, n, "%s %.1f %%", name, value);
}

int
msg_format(enum sd_lang l, enum alert_kind kind, const struct metrics *m,
           char *buf, size_t n)
{
	const struct texts *t = &texts[l < SD_LANG_MAX ? l : SD_FR];
	struct health h;
	char cpu[128], ram[128], disk[128];
	const char *title;
	int len;

	health_compute(m->cpu_percent, m->ram_percent, m->disk_percent, &h);
	figure(cpu, sizeof(cpu), t, "CPU", m->cpu_percent,
	       m->cpu_alert_threshold, m->cpu_alert);
	figure(ram, sizeof(ram), t, "RAM", m->ram_percent,
	       m->ram_alert_threshold, m->ram_alert);
	figure(disk, sizeof(disk), t, t->disk, m->disk_percent, MSG_DISK_ALERT,
	       m->disk_percent >= MSG_DISK_ALERT);
	title = t->title[kind < ALERT_MAX ? kind : ALERT_TEST];
	/* "back to normal" only when it is; the status follows on line 2 */
	if (kind == ALERT_RESOLVED && h.status != HEALTH_OK)
		title = t->no_longer_critical;
	len = snprintf(buf, n, "%s\n%s%s %s — %s %d/100 (%s)\n%s · %s · %s\n%s",
	               title, t->host, t->colon, m->hostname, t->score, h.score,
	               t->status[h.status], cpu, ram, disk, m->timestamp);
	if (len < 0 || (size_t)len >= n) {
		errno = ENOSPC;
		return -1;
	}
	return 0;
}

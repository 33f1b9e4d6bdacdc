/* message.h: the webhook message, in the user's language (SYSDASH_LANG). */
#ifndef MESSAGE_H
#define MESSAGE_H

#include "alert.h"
#include "sysdash.h"

/* The CLI's lines on a terminal, as the old tool printed them: "Surveillance
 * en cours… (Ctrl+C pour arrêter)" at start, "Arrêté." at the end; in l
 * (French for an unknown l). Never NULL. */
const char *msg_started(enum sd_lang l);
const char *msg_stopped(enum sd_lang l);

/* Disk at or over this percent is named in the message as crossed. */
#define MSG_DISK_ALERT 90.0

/* Writes the message for kind about m into buf: a title line, then one line
 * with host, score and status, then CPU/RAM/disk with a marker on what
 * crossed its threshold. Returns 0, or -1 when buf is too small. */
int msg_format(enum sd_lang l, enum alert_kind kind, const struct metrics *m,
               char *buf, size_t n);

#endif

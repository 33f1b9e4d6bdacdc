/* mem.c: memory figures from /proc/meminfo with psutil 5.9's semantics. */
#include "sysdash.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	K_TOTAL,
	K_FREE,
	K_AVAIL,
	K_BUFFERS,
	K_CACHED,
	K_SRECLAIM,
	K_ACTIVE_FILE,
	K_INACTIVE_FILE,
	K_SWAP_TOTAL,
	K_SWAP_FREE,
	K_MAX
};

static const char *const keys[K_MAX] = {
	"MemTotal:",  "MemFree:",      "MemAvailable:", "Buffers:",
	"Cached:",    "SReclaimable:", "Active(file):", "Inactive(file):",
	"SwapTotal:", "SwapFree:",
};

/* One "Key:   123 kB" line; meminfo values are kB. The newline must be
 * there: a file cut short may end in a cut number. */
static int
parse_value(const char *p, unsigned long long *bytes)
{
	unsigned long long kb;

	if (util_scan_ull(&p, &kb) < 0)
		return -1;
	if (!strncmp(p, " kB", 3))
		p += 3;
	if (*p != '\n') {
		errno = EINVAL;
		return -1;
	}
	if (kb > ~0ULL / 1024) {
		errno = ERANGE;
		return -1;
	}
	*bytes = kb * 1024;
	return 0;
}

int
mem_parse(const char *buf, struct mem_info *m)
{
	unsigned long long v[K_MAX] = {0};
	bool seen[K_MAX] = {false};
	const char *line;

	for (line = buf; *line; line = util_next_line(line)) {
		/* compare key lengths first: meminfo has ~55 lines */
		size_t len = strcspn(line, ":\n");

		if (line[len] != ':')
			continue;
		len++;
		for (int k = 0; k < K_MAX; k++) {
			if (len != strlen(keys[k]) ||
			    memcmp(line, keys[k], len))
				continue;
			if (parse_value(line + len, &v[k]) < 0)
				return -1;
			seen[k] = true;
			break;
		}
	}
	/* free memory beyond the total is a garbled file, not a reading */
	if (!seen[K_TOTAL] || !seen[K_FREE] || v[K_TOTAL] == 0 ||
	    v[K_FREE] > v[K_TOTAL]) {
		errno = EINVAL;
		return -1;
	}
	memset(m, 0, sizeof(*m));
	m->total = v[K_TOTAL];
	m->free = v[K_FREE];
	m->available = v[K_AVAIL];
	m->avail_known = seen[K_AVAIL];
	m->buffers = v[K_BUFFERS];
	m->cached = v[K_CACHED];
	m->sreclaimable = v[K_SRECLAIM];
	m->active_file = v[K_ACTIVE_FILE];
	m->inactive_file = v[K_INACTIVE_FILE];
	m->have_lru = seen[K_ACTIVE_FILE] && seen[K_INACTIVE_FILE] &&
	              seen[K_SRECLAIM];
	m->swap_total = v[K_SWAP_TOTAL];
	m->swap_free = v[K_SWAP_FREE];
	if (m->available > m->total) /* as psutil does */
		m->available = m->free;
	return 0;
}

static double
dmin(double a, double b)
{
	return a < b ? a : b;
}

void
mem_fallback_avail(struct mem_info *m, const char *zoneinfo, long pagesize)
{
	double low = 0, avail, pagecache, slab;
	const char *line;

	/* psutil's calculate_avail_vmem(): free + cached when the LRU
	 * figures or zoneinfo are missing, else the kernel's own estimate
	 * from the low watermarks (mm/page_alloc.c si_mem_available) */
	if (!m->have_lru || !zoneinfo) {
		m->available = m->free + m->cached;
	} else {
		for (line = zoneinfo; *line; line = util_next_line(line)) {
			const char *p = line;
			unsigned long long pages;

			while (*p == ' ')
				p++;
			if (strncmp(p, "low", 3) || (p[3] != ' '))
				continue;
			p += 3;
			if (util_scan_ull(&p, &pages) == 0)
				low += (double)pages;
		}
		low *= (double)pagesize;
		avail = (double)m->free - low;
		pagecache = (double)(m->active_file + m->inactive_file);
		pagecache -= dmin(pagecache / 2, low);
		avail += pagecache;
		slab = (double)m->sreclaimable;
		avail += slab - dmin(slab / 2, low);
		m->available = avail > 0 ? (unsigned long long)avail : 0;
	}
	if (m->available > m->total)
		m->available = m->free;
}

int
mem_read(const char *root, struct mem_info *m)
{
	char *buf = util_read_file(root, "meminfo", SD_FILE_MAX, NULL);
	char *zone;
	int rc;

	if (!buf)
		return -1;
	rc = mem_parse(buf, m);
	free(buf);
	if (rc < 0 || m->avail_known)
		return rc;
	zone = util_read_file(root, "zoneinfo", SD_FILE_MAX, NULL);
	mem_fallback_avail(m, zone, sysconf(_SC_PAGESIZE));
	free(zone);
	return 0;
}

double
mem_percent(const struct mem_info *m)
{
	unsigned long long avail = m->available;

	if (m->total == 0)
		return 0;
	if (avail > m->total)
		avail = m->total;
	return (double)(m->total - avail) * 100.0 / (double)m->total;
}

unsigned long long
mem_used(const struct mem_info *m)
{
	unsigned long long sub =
		m->free + m->buffers + m->cached + m->sreclaimable;

	/* psutil: "cached" is Cached + SReclaimable; negative means the
	 * kernel's figures disagree (containers, LXC), then total - free */
	if (sub > m->total)
		return m->total > m->free ? m->total - m->free : 0;
	return m->total - sub;
}

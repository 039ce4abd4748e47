// SPDX-License-Identifier: GPL-2.0
/* perf_event_open counters through libpfm4 and tracefs; see counters.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* libpfm's header needs the kernel's perf_event.h first. */
#include <linux/perf_event.h>
#include <perfmon/pfmlib_perf_event.h>

#include "counters.h"
#include "env_parse.h"
#include "interrupts.h"
#include "tracefs.h"

#define MAX_GROUP 64
#define READ_FORMAT                                                                                \
	(PERF_FORMAT_GROUP | PERF_FORMAT_ID | PERF_FORMAT_TOTAL_TIME_ENABLED |                     \
	 PERF_FORMAT_TOTAL_TIME_RUNNING)

enum scope { SCOPE_THREAD, SCOPE_CPU, SCOPE_REMOTE, SCOPE_COUNT };
static const char *const scope_names[SCOPE_COUNT] = {"thread", "cpu", "remote_cpu"};

struct counter {
	const struct lb_event_spec *spec;
	enum scope scope;
	int cpu; /* CPU of the scope; -1 for thread */
	int fd, group;
	uint64_t id;
	bool available, scaled, starved;
	bool omitted; /* not meaningful in its scope (lb_counter_fits_scope): not opened, not
		       * exported */
	int err;
	char reason[512];
	uint64_t last;	     /* cumulative count at the previous read */
	double rep_sum;	     /* this repetition */
	double base_sum;     /* lb_counters_rep_baseline() */
	double share;	     /* lb_counters_rep_spread(): kept per repetition ... */
	unsigned share_left; /* ... for this many more */
	uint64_t irq_base;   /* interrupts: count at start of the region */
	uint64_t *values;
	size_t n_values, max_values;
};

struct group {
	int leader;
	unsigned type; /* perf type of every member */
	size_t n;
	size_t members[MAX_GROUP]; /* counter indices */
	uint64_t last_enabled, last_running;
};

struct lb_counters {
	struct counter *c;
	size_t n;
	struct group *g;
	size_t ng;
	bool any_irq;
};

bool lb_hw_pmu_present(void)
{
	/* PMUs every kernel registers without hardware counters behind them. */
	static const char *const soft[] = {"software", "tracepoint", "kprobe",
					   "uprobe",   "breakpoint", "msr"};
	DIR *d = opendir("/sys/bus/event_source/devices");
	struct dirent *e;
	bool found = false;

	while (d && !found && (e = readdir(d))) {
		bool is_soft = e->d_name[0] == '.';

		for (size_t i = 0; i < sizeof(soft) / sizeof(soft[0]) && !is_soft; i++)
			is_soft = !strcmp(e->d_name, soft[i]);
		found = !is_soft;
	}
	if (d)
		closedir(d);
	return found;
}

const char *lb_counter_reason(int err, unsigned type, bool hw_pmu)
{
	bool hw = type == PERF_TYPE_HARDWARE || type == PERF_TYPE_HW_CACHE || type >= PERF_TYPE_MAX;

	switch (err) {
	case ENOENT:
	case EOPNOTSUPP:
		if (!hw)
			return "event not supported by this kernel";
		/* A guest PMU (QEMU's armv8_pmuv3, pseries) often counts cycles but not the rest.
		 */
		return hw_pmu ? "hardware event not supported by this CPU's PMU"
			      : "hardware event not supported here (no PMU exposed to this kernel)";
	case EACCES:
	case EPERM:
		return "not permitted (run as root or lower /proc/sys/kernel/perf_event_paranoid)";
	case ENODEV:
		return "no such PMU or CPU here";
	case EINVAL:
		return "rejected by perf_event_open (invalid for this kernel or PMU)";
	case EMFILE:
		return "too many open files";
	case EBUSY:
		return "PMU busy (another user holds it exclusively)";
	default:
		return strerror(err);
	}
}

static void unavailable(struct counter *k, int err, const char *reason)
{
	k->available = false;
	k->err = err;
	snprintf(k->reason, sizeof(k->reason), "%s", reason);
}

/* libpfm4 initialised once, for encode() and lb_event_check_known(). */
static int pfm_init_once(void)
{
	static int pfm_state = -1; /* -1 not tried, else pfm_initialize's result */

	if (pfm_state == -1)
		pfm_state = pfm_initialize();
	return pfm_state;
}

/* Fill attr for the spec; 0, or -1 with the counter marked unavailable. */
static int encode(struct counter *k, struct perf_event_attr *attr)
{
	const struct lb_event_spec *s = k->spec;
	int pfm_state = pfm_init_once();
	char why[256] = "";
	int tp_err = 0;

	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	if (s->source == LB_SRC_TRACEPOINT) {
		long id = lb_tracefs_id(s->sys, s->tp, why, sizeof(why));

		if (id >= 0) {
			attr->type = PERF_TYPE_TRACEPOINT;
			attr->config = (uint64_t)id;
			return 0;
		}
		tp_err = errno;
		/* Not a tracepoint here: it may still be a libpfm EVENT:UMASK name. */
	}
	if (pfm_state != PFM_SUCCESS) {
		char r[300];

		snprintf(r, sizeof(r), "libpfm4 failed to initialise: %s", pfm_strerror(pfm_state));
		unavailable(k, ENOSYS, r);
		return -1;
	}
	{
		pfm_perf_encode_arg_t arg;
		int r;

		memset(&arg, 0, sizeof(arg));
		arg.attr = attr;
		arg.size = sizeof(arg);
		/* PLM0|PLM3: count kernel and user. */
		r = pfm_get_os_event_encoding(s->event, PFM_PLM0 | PFM_PLM3, PFM_OS_PERF_EVENT_EXT,
					      &arg);
		if (r == PFM_SUCCESS) {
			attr->size = sizeof(*attr);
			attr->exclude_kernel = 0;
			return 0;
		}
		if (s->source == LB_SRC_TRACEPOINT && why[0])
			unavailable(k, tp_err, why);
		else {
			char m[300];

			snprintf(m, sizeof(m), "event not known to libpfm4 on this CPU (%s)",
				 pfm_strerror(r));
			unavailable(k, ENOENT, m);
		}
		return -1;
	}
}

int lb_event_check_known(const struct lb_event_spec *s, char *why, size_t len)
{
	char reason[256] = "";
	pfm_perf_encode_arg_t arg;
	struct perf_event_attr attr;

	if (s->source == LB_SRC_INTERRUPTS) {
		char *text = lb_read_file("/proc/interrupts");
		uint64_t v;
		int unknown = text && lb_interrupts_parse(text, s->tp, 0, &v);

		free(text);
		if (!unknown)
			return 0;
		snprintf(why, len, "unknown event '%s': no '%s' line in /proc/interrupts", s->name,
			 s->tp);
		return -1;
	}
	if (s->source == LB_SRC_TRACEPOINT) {
		if (lb_tracefs_id(s->sys, s->tp, reason, sizeof(reason)) >= 0)
			return 0;
		if (errno != ENOENT)
			return 0; /* no tracefs here: cannot tell, the run says why it is n/a */
	}
	/* A libpfm4 name (or EVENT:UMASK); only "not found" is unknown: "cannot open here"
	 * (no PMU, no permission) is decided when the run opens it and recorded as n/a. */
	if (pfm_init_once() != PFM_SUCCESS)
		return 0;
	memset(&arg, 0, sizeof(arg));
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	arg.attr = &attr;
	arg.size = sizeof(arg);
	if (pfm_get_os_event_encoding(s->event, PFM_PLM0 | PFM_PLM3, PFM_OS_PERF_EVENT_EXT, &arg) !=
	    PFM_ERR_NOTFOUND)
		return 0;
	snprintf(why, len, "unknown event '%s': %s", s->event,
		 s->source == LB_SRC_TRACEPOINT ? "no such tracepoint and not a libpfm4 name"
						: "not a libpfm4 event name on this CPU");
	return -1;
}

static int perf_open(struct perf_event_attr *a, int pid, int cpu, int group_fd)
{
	return (int)syscall(SYS_perf_event_open, a, pid, cpu, group_fd, PERF_FLAG_FD_CLOEXEC);
}

static int add_to_group(struct lb_counters *cs, size_t idx, struct perf_event_attr *a)
{
	struct counter *k = &cs->c[idx];
	int pid = k->scope == SCOPE_THREAD ? 0 : -1;

	a->read_format = READ_FORMAT;
	/*
	 * Join the open group of this scope and perf type; start a new one when none or when
	 * refused. One type per group: a cpu-wide task-clock leader silently stops tracepoint
	 * members from counting (measured: 1 tlb_flush instead of 100).
	 */
	for (size_t g = cs->ng; g-- > 0;) {
		struct counter *lead = &cs->c[cs->g[g].members[0]];

		if (lead->scope != k->scope || cs->g[g].type != a->type || cs->g[g].n >= MAX_GROUP)
			continue;
		a->disabled = 0;
		k->fd = perf_open(a, pid, k->cpu, cs->g[g].leader);
		if (k->fd >= 0) {
			k->group = (int)g;
			cs->g[g].members[cs->g[g].n++] = idx;
			return 0;
		}
		break;
	}
	a->disabled = 1;
	k->fd = perf_open(a, pid, k->cpu, -1);
	if (k->fd < 0)
		return -1;
	cs->g = realloc(cs->g, (cs->ng + 1) * sizeof(*cs->g));
	if (!cs->g)
		abort();
	memset(&cs->g[cs->ng], 0, sizeof(cs->g[0]));
	cs->g[cs->ng].leader = k->fd;
	cs->g[cs->ng].type = a->type;
	cs->g[cs->ng].members[0] = idx;
	cs->g[cs->ng].n = 1;
	k->group = (int)cs->ng++;
	return 0;
}

bool lb_counter_fits_scope(unsigned type, uint64_t config, bool cpu_wide)
{
	/*
	 * A CPU-wide software clock advances with the CPU context's time, which runs whenever
	 * the event is enabled: it counts elapsed time, idle and every task included, not the CPU
	 * time of anything (measured: 10 ms during a 10 ms sleep, on a CPU this process never
	 * ran on too). Only the thread scope has CPU time.
	 */
	return !(cpu_wide && type == PERF_TYPE_SOFTWARE &&
		 (config == PERF_COUNT_SW_TASK_CLOCK || config == PERF_COUNT_SW_CPU_CLOCK));
}

static void open_one(struct lb_counters *cs, size_t idx)
{
	struct counter *k = &cs->c[idx];
	struct perf_event_attr a;

	k->fd = -1;
	k->group = -1;
	k->available = true;
	if (k->spec->source == LB_SRC_INTERRUPTS) {
		char *text = lb_read_file("/proc/interrupts");
		uint64_t v;

		if (!text || lb_interrupts_parse(text, k->spec->tp, k->cpu, &v)) {
			char r[200];

			snprintf(r, sizeof(r), "no '%s' line for CPU %d in /proc/interrupts",
				 k->spec->tp, k->cpu);
			unavailable(k, ENOENT, r);
		} else {
			cs->any_irq = true;
		}
		free(text);
		return;
	}
	if (encode(k, &a))
		return;
	if (!lb_counter_fits_scope(a.type, a.config, k->scope != SCOPE_THREAD)) {
		k->available = false;
		k->omitted = true;
		return;
	}
	if (add_to_group(cs, idx, &a)) {
		int e = errno;

		unavailable(k, e, lb_counter_reason(e, a.type, lb_hw_pmu_present()));
		return;
	}
	if (k->spec->filter[0] && ioctl(k->fd, PERF_EVENT_IOC_SET_FILTER, k->spec->filter)) {
		char r[300];

		snprintf(r, sizeof(r), "tracepoint filter '%s' rejected: %s", k->spec->filter,
			 strerror(errno));
		/* The fd stays in its group (closing a member is harmless) but is not read. */
		unavailable(k, errno, r);
		return;
	}
	if (ioctl(k->fd, PERF_EVENT_IOC_ID, &k->id)) {
		unavailable(k, errno, "PERF_EVENT_IOC_ID failed");
		return;
	}
}

struct lb_counters *lb_counters_open(const struct lb_event_spec *specs, size_t n, int cpu,
				     int remote_cpu, size_t max_reps)
{
	struct lb_counters *cs = calloc(1, sizeof(*cs));
	size_t k = 0;

	if (!cs || !(cs->c = calloc(n * SCOPE_COUNT, sizeof(*cs->c)))) {
		free(cs);
		return NULL;
	}
	for (int s = 0; s < SCOPE_COUNT; s++) {
		if (s == SCOPE_REMOTE && remote_cpu < 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			/* Interrupt counts are per CPU: no thread-scope version exists. */
			if (s == SCOPE_THREAD && specs[i].source == LB_SRC_INTERRUPTS)
				continue;
			cs->c[k].spec = &specs[i];
			cs->c[k].scope = s;
			cs->c[k].cpu = s == SCOPE_THREAD ? -1 : s == SCOPE_CPU ? cpu : remote_cpu;
			cs->c[k].max_values = max_reps;
			cs->c[k].values = calloc(max_reps ? max_reps : 1, sizeof(uint64_t));
			if (!cs->c[k].values)
				abort();
			k++;
		}
	}
	cs->n = k;
	for (size_t i = 0; i < cs->n; i++)
		open_one(cs, i);
	return cs;
}

static void irq_snapshot(struct lb_counters *cs, bool at_stop)
{
	char *text;

	if (!cs->any_irq)
		return;
	text = lb_read_file("/proc/interrupts");
	for (size_t i = 0; i < cs->n; i++) {
		struct counter *k = &cs->c[i];
		uint64_t v;

		if (k->spec->source != LB_SRC_INTERRUPTS || !k->available)
			continue;
		if (!text || lb_interrupts_parse(text, k->spec->tp, k->cpu, &v)) {
			unavailable(k, EIO, "/proc/interrupts line vanished during the run");
			continue;
		}
		if (at_stop)
			k->rep_sum += (double)(v - k->irq_base);
		else
			k->irq_base = v;
	}
	free(text);
}

static bool remote_group(const struct lb_counters *cs, size_t g)
{
	return cs->c[cs->g[g].members[0]].scope == SCOPE_REMOTE;
}

/*
 * Enabling, disabling and reading a counter of another CPU costs an IPI from this CPU: the
 * remote-CPU groups are switched on before and off after the measuring CPU's own, so that
 * the measuring CPU's ipi:* counts hold the workload's IPIs only.
 */
void lb_counters_start(struct lb_counters *cs)
{
	irq_snapshot(cs, false);
	for (int pass = 0; pass < 2; pass++)
		for (size_t g = 0; g < cs->ng; g++)
			if (remote_group(cs, g) == (pass == 0))
				ioctl(cs->g[g].leader, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
}

static void read_group(struct lb_counters *cs, struct group *g)
{
	uint64_t buf[3 + 2 * MAX_GROUP];
	uint64_t enabled, running;
	ssize_t r = read(g->leader, buf, sizeof(buf));

	if (r < (ssize_t)(3 * sizeof(uint64_t)))
		return;
	enabled = buf[1] - g->last_enabled;
	running = buf[2] - g->last_running;
	g->last_enabled = buf[1];
	g->last_running = buf[2];
	for (uint64_t i = 0; i < buf[0] && i < MAX_GROUP; i++) {
		uint64_t value = buf[3 + 2 * i], id = buf[4 + 2 * i];

		for (size_t m = 0; m < g->n; m++) {
			struct counter *k = &cs->c[g->members[m]];
			double delta;

			if (k->id != id || !k->available)
				continue;
			delta = (double)(value - k->last);
			k->last = value;
			if (enabled && !running) {
				k->starved = true;
			} else if (running < enabled) {
				/* Multiplexed: extrapolate, and say so. */
				delta = delta * (double)enabled / (double)running;
				k->scaled = true;
			}
			k->rep_sum += delta;
		}
	}
}

void lb_counters_stop(struct lb_counters *cs)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t g = 0; g < cs->ng; g++)
			if (remote_group(cs, g) == (pass == 1))
				ioctl(cs->g[g].leader, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
	for (size_t g = 0; g < cs->ng; g++)
		read_group(cs, &cs->g[g]);
	irq_snapshot(cs, true);
}

void lb_counters_rep_begin(struct lb_counters *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		cs->c[i].rep_sum = 0;
}

void lb_counters_rep_baseline(struct lb_counters *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		cs->c[i].base_sum = cs->c[i].rep_sum;
		cs->c[i].rep_sum = 0;
	}
}

void lb_counters_rep_spread(struct lb_counters *cs, unsigned n)
{
	for (size_t i = 0; i < cs->n && n; i++) {
		struct counter *k = &cs->c[i];
		double d = k->rep_sum - k->base_sum;

		/* Less than its setup-only baseline: the difference is noise, not a count. */
		if (k->available && d < 0)
			unavailable(k, ERANGE,
				    "the run counted less than its setup-only baseline run: "
				    "(run - baseline) / repetitions is not a measurement here");
		k->share = d > 0 ? d / n : 0;
		k->share_left = n;
		k->base_sum = 0;
	}
}

void lb_counters_rep_end(struct lb_counters *cs, bool keep)
{
	for (size_t i = 0; i < cs->n; i++) {
		struct counter *k = &cs->c[i];
		double v = k->rep_sum;

		if (k->share_left) {
			v = k->share;
			k->share_left--;
		}
		if (keep && k->n_values < k->max_values)
			k->values[k->n_values++] = (uint64_t)(v + 0.5);
	}
}

size_t lb_counters_export(const struct lb_counters *cs, struct lb_counter_result **out)
{
	struct lb_counter_result *r = calloc(cs->n ? cs->n : 1, sizeof(*r));
	size_t n = 0;

	if (!r)
		abort();
	for (size_t j = 0; j < cs->n; j++) {
		const struct counter *k = &cs->c[j];
		bool ok = k->available && !k->starved;
		size_t i = n;

		if (k->omitted)
			continue;
		n++;

		r[i].event = strdup(k->spec->event);
		r[i].filter = k->spec->filter[0] ? strdup(k->spec->filter) : NULL;
		r[i].name = strdup(k->spec->name);
		r[i].scope = scope_names[k->scope];
		r[i].available = ok;
		r[i].scaled = k->scaled;
		if (ok) {
			r[i].values = malloc((k->n_values ? k->n_values : 1) * sizeof(uint64_t));
			memcpy(r[i].values, k->values, k->n_values * sizeof(uint64_t));
		} else if (k->starved) {
			r[i].err_name = "EBUSY";
			r[i].reason = strdup("counter group was never scheduled on the PMU "
					     "(time_running 0)");
		} else {
			r[i].err_name = strerrorname_np(k->err) ? strerrorname_np(k->err) : "E?";
			r[i].reason = strdup(k->reason);
		}
	}
	*out = r;
	return n;
}

void lb_counter_results_free(struct lb_counter_result *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].event);
		free(r[i].filter);
		free(r[i].name);
		free(r[i].reason);
		free(r[i].values);
	}
	free(r);
}

void lb_counters_close(struct lb_counters *cs)
{
	if (!cs)
		return;
	for (size_t i = 0; i < cs->n; i++) {
		if (cs->c[i].fd >= 0)
			close(cs->c[i].fd);
		free(cs->c[i].values);
	}
	free(cs->c);
	free(cs->g);
	free(cs);
}

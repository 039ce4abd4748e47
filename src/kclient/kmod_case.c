// SPDX-License-Identifier: GPL-2.0
/* One RUN of the module, with the user mapping made and removed around it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kmod_case.h"
#include "kmod_client.h"

bool lb_kmod_needs_mapping(uint32_t workload)
{
	const struct lb_kmod_wl *w = lb_kmod_wl(workload);

	return w && w->needs_vma;
}

unsigned lb_kmod_nr_metrics(uint32_t workload)
{
	const struct lb_kmod_wl *w = lb_kmod_wl(workload);

	return w ? w->nr_metrics : 0;
}

int lb_kmod_run_case(int fd, const struct lb_kmod_case *c, uint64_t *samples,
		     struct lazybench_run *out)
{
	size_t len = (size_t)c->pages * (size_t)sysconf(_SC_PAGESIZE);
	void *map = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	out->workload = c->workload;
	out->variant = c->variant;
	out->mode = c->mode;
	out->pages = c->pages;
	out->batch = c->batch;
	out->reps = c->reps;
	out->warmup = c->warmup;
	out->delay_ns = c->delay_ns;
	out->flags = (c->dry ? LAZYBENCH_RUN_DRY : 0) | (c->baseline ? LAZYBENCH_RUN_BASELINE : 0);
	out->samples = (uintptr_t)samples;
	out->samples_len = samples ? c->reps * lb_kmod_nr_metrics(c->workload) : 0;
	out->rep_info = (uintptr_t)c->rep_info;
	out->rep_info_len = c->rep_info ? c->reps : 0;
	if (lb_kmod_needs_mapping(c->workload)) {
		if (c->dry) {
			/* Nothing is mapped in a dry run; the address only has to be given. */
			out->addr = 1;
		} else {
			map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
			if (map == MAP_FAILED) {
				err = errno;
				snprintf(out->reason, sizeof(out->reason),
					 "mmap of %zu bytes of " LAZYBENCH_DEVICE ": %s", len,
					 strerror(err));
				return err;
			}
			out->addr = (uintptr_t)map;
		}
	}
	err = lb_kmod_run(fd, out);
	if (map)
		munmap(map, len);
	return err;
}

// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the syscall workloads; see anon_mem.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "anon_mem.h"
#include "workload.h"

size_t lb_sys_page_size(void)
{
	static size_t size;

	if (!size) {
		long s = sysconf(_SC_PAGESIZE);

		size = s > 0 ? (size_t)s : LB_PAGE_SIZE;
	}
	return size;
}

size_t lb_anon_len(size_t pages)
{
	size_t ps = lb_sys_page_size();

	return (pages * LB_PAGE_SIZE + ps - 1) / ps * ps;
}

bool lb_thp_configured(void)
{
	return access("/sys/kernel/mm/transparent_hugepage", F_OK) == 0;
}

char *lb_anon_map(void *hint, size_t pages)
{
	size_t len = lb_anon_len(pages);
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (hint ? MAP_FIXED : 0);
	char *p = mmap(hint, len, PROT_READ | PROT_WRITE, flags, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	/*
	 * Keep the range on 4 KiB PTEs. A kernel without THP (tinyconfig guests) rejects the
	 * advice with EINVAL and has no huge pages to avoid: only that case is let through.
	 */
	if (madvise(p, len, MADV_NOHUGEPAGE) && !(errno == EINVAL && !lb_thp_configured())) {
		int e = errno;

		munmap(p, len);
		errno = e;
		return NULL;
	}
	return p;
}

void lb_anon_touch(char *addr, size_t pages)
{
	size_t len = lb_anon_len(pages), ps = lb_sys_page_size();

	for (size_t off = 0; off < len; off += ps)
		((volatile char *)addr)[off] = 1;
}

int lb_anon_fail(char *reason, size_t len, const char *what)
{
	int e = errno ? errno : EIO;

	snprintf(reason, len, "%s: %s", what, strerror(e));
	return e;
}

char *lb_anon_prepare(struct lb_ctx *ctx, int *err)
{
	char *mem = lb_anon_map(NULL, ctx->p->pages);

	if (!mem) {
		*err = lb_anon_fail(ctx->reason, sizeof(ctx->reason), "mmap");
		return NULL;
	}
	lb_anon_touch(mem, ctx->p->pages);
	ctx->remote_read_addr = mem;
	ctx->remote_read_len = lb_anon_len(ctx->p->pages);
	return mem;
}

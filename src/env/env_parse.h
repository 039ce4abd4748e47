/* SPDX-License-Identifier: GPL-2.0 */
/* Small parsers behind `lazybench env`, separate so that unit tests can feed them fixtures. */
#ifndef LB_ENV_PARSE_H
#define LB_ENV_PARSE_H

#include <stddef.h>

#include <jansson.h>

/* Read a kernel config (gzip or plain, via zlib's gzopen) and set items[NAME] for each of
 * names (without the CONFIG_ prefix): its value ("y", "m", "64", "\"str\""), "n" for
 * "# CONFIG_X is not set", "absent" when the config does not mention it. 0, or -1 when the
 * file cannot be read (items untouched). */
int lb_kconfig_load(const char *path, const char *const *names, size_t n, json_t *items);
/* How the kernel keeps a kernel thread's borrowed (lazy TLB) mm alive, from the two kconfig
 * values lb_kconfig_load gave (NULL = not looked up): "shootdown" (MMU_LAZY_TLB_SHOOTDOWN=y:
 * IPIs to the lazy CPUs when the mm is freed), "refcount" (MMU_LAZY_TLB_REFCOUNT=y: an mm
 * reference per switch to a kernel thread), "refcount (kernel predates the options)" when the
 * config names neither (before 6.2 every kernel refcounted), or "unknown". */
const char *lb_lazy_tlb_mode(const char *refcount, const char *shootdown);
/* "always [madvise] never" -> "madvise"; a string without brackets is copied trimmed. */
void lb_bracketed(const char *s, char *out, size_t len);
/* First line of a file, trailing whitespace removed. 0, or -1 when unreadable. */
int lb_read_line(const char *path, char *out, size_t len);
/* Value of the first "key<TAB...>: value" line of /proc/cpuinfo-like text. 0 or -1. */
int lb_cpuinfo_field(const char *text, const char *key, char *out, size_t len);
/* Whole small file (procfs) into a malloc'd NUL-terminated buffer; NULL when unreadable. */
char *lb_read_file(const char *path);

#endif

// SPDX-License-Identifier: GPL-2.0
/* Run gnuplot on a template from plots/ and check that the figure file was written. */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "plot.h"

extern char **environ;

void lb_plot_sanitize(char *s, bool filename)
{
	for (; *s; s++) {
		if (filename && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
				  (*s >= '0' && *s <= '9') || *s == '-' || *s == '.' || *s == '_'))
			*s = '_';
		else if (!filename && (*s == '\'' || *s == '\n'))
			*s = '"'; /* a single quote would end the gnuplot string */
	}
}

void lb_plot_data_path(const struct lb_plot_ctx *p, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s.dat", p->outdir, name);
}

void lb_plot_skip(struct lb_plot_ctx *p, const char *name, const char *reason)
{
	fprintf(p->log, "skipped: %s (%s)\n", name, reason);
	p->skipped++;
}

int lb_plot_draw(struct lb_plot_ctx *p, const char *tmpl, const char *name, const char *datafile,
		 const char *title, const char *ylabel, const char *extra)
{
	char out[4096], script[4096], *vars, *t, *y;
	size_t len;
	pid_t pid;
	int status, rc;
	struct stat st;

	snprintf(out, sizeof(out), "%s/%s.%s", p->outdir, name, p->ext);
	snprintf(script, sizeof(script), "%s/%s.gp", p->plotdir, tmpl);
	t = malloc(strlen(title) + strlen(p->suffix) + 1);
	y = strdup(ylabel);
	len = strlen(out) + strlen(datafile) + strlen(title) + strlen(p->suffix) + strlen(ylabel) +
	      strlen(p->plotdir) + (extra ? strlen(extra) : 0) + 256;
	vars = malloc(len);
	if (!t || !y || !vars) {
		free(t);
		free(y);
		free(vars);
		return -1;
	}
	sprintf(t, "%s%s", title, p->suffix);
	lb_plot_sanitize(t, false);
	lb_plot_sanitize(y, false);
	snprintf(vars, len,
		 "fmt='%s'; outfile='%s'; datafile='%s'; figtitle='%s'; ylabel='%s'; "
		 "plotdir='%s'; %s",
		 p->fmt, out, datafile, t, y, p->plotdir, extra ? extra : "");
	{
		char *argv[] = {"gnuplot", "-e", vars, script, NULL};

		rc = posix_spawnp(&pid, "gnuplot", NULL, NULL, argv, environ);
	}
	free(t);
	free(y);
	free(vars);
	if (rc) {
		fprintf(p->log,
			"failed: %s (cannot run gnuplot: %s; scripts/install-deps.sh "
			"installs gnuplot-nox)\n",
			name, strerror(rc));
		p->failed++;
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(p->log, "failed: %s (gnuplot %s exited with an error)\n", name, script);
		p->failed++;
		return -1;
	}
	if (stat(out, &st) || st.st_size == 0) {
		fprintf(p->log, "failed: %s (gnuplot wrote no %s)\n", name, out);
		p->failed++;
		return -1;
	}
	fprintf(p->log, "made: %s\n", out);
	p->made++;
	return 0;
}

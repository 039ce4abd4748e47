// SPDX-License-Identifier: GPL-2.0
/* lazybench plot RUN... : gnuplot figures of one or more runs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "model.h"
#include "plot.h"

/* The TCG plugin's counts that batching changes, per PTE against batch (kernel workloads in the
 * VM bed; figures with nothing to show are skipped with the reason). */
static void plot_tcg(struct lb_plot_ctx *p, const char *workload, const char *metric)
{
	static const char *const events[] = {"dsb", "isb", "tlbi", "hcall", "tlbie", "invlpg"};
	char name[128];

	for (size_t e = 0; e < sizeof(events) / sizeof(events[0]); e++) {
		snprintf(name, sizeof(name), "tcg.%s.%s", metric, events[e]);
		lb_plot_counter_batch(p, workload, name);
	}
}

static int mkdir_p(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *s = buf + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			if (mkdir(buf, 0755) && errno != EEXIST)
				return -1;
			*s = '/';
		}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

/* " (kernel A vs B, arch, QEMU TCG)": what every title carries. */
static void title_suffix(struct lb_plot_ctx *p)
{
	char rel[128], arch[64], virt[64];
	size_t len;
	bool tcg = false;

	snprintf(p->suffix, sizeof(p->suffix), " (kernel ");
	for (size_t i = 0; i < p->n_runs; i++) {
		bool dup = false;

		lb_run_env_or_unknown(&p->runs[i], LB_ENV_KERNEL_RELEASE, rel, sizeof(rel));
		for (size_t j = 0; j < i; j++) {
			char other[128];

			dup |= !strcmp(lb_run_env_or_unknown(&p->runs[j], LB_ENV_KERNEL_RELEASE,
							     other, sizeof(other)),
				       rel);
		}
		if (dup)
			continue;
		len = strlen(p->suffix);
		snprintf(p->suffix + len, sizeof(p->suffix) - len, "%s%s", i ? " vs " : "", rel);
		lb_run_env_or_unknown(&p->runs[i], LB_ENV_VIRT, virt, sizeof(virt));
		tcg |= strstr(virt, "tcg") != NULL;
	}
	len = strlen(p->suffix);
	snprintf(p->suffix + len, sizeof(p->suffix) - len, ", %s%s)",
		 lb_run_env_or_unknown(&p->runs[0], LB_ENV_ARCH, arch, sizeof(arch)),
		 tcg ? ", QEMU TCG" : "");
}

int cmd_plot(int argc, char **argv)
{
	/* --format word, gnuplot terminal, file extension */
	static const char *const fmt_names[] = {"png", "svg", "ascii", NULL};
	static const char *const fmt_ext[] = {"png", "svg", "txt"};
	struct lb_plot_ctx p = {
	    .fmt = "png", .ext = "png", .plotdir = LB_DATA_DIR "/plots", .log = stdout};
	const char *results_dir = "results", *outdir = NULL;
	char err[1024], defdir[4096];
	int format = 0, first, rc;
	const struct lb_opt opts[] = {
	    {.name = "format",
	     .kind = LB_OPT_CHOICE,
	     .dest = &format,
	     .choices = fmt_names,
	     .arg = "F",
	     .help = "png (default) | svg | ascii (gnuplot dumb terminal, .txt)"},
	    {.name = "output",
	     .short_name = 'o',
	     .kind = LB_OPT_STR,
	     .dest = &outdir,
	     .arg = "DIR",
	     .help = "output directory (default: <first run>/plots)"},
	    {.name = "results-dir",
	     .kind = LB_OPT_STR,
	     .dest = &results_dir,
	     .arg = "DIR",
	     .help = "where run ids are looked up (default ./results)"},
	    {0},
	};
	const struct lb_cmd cmd = {
	    .name = "plot",
	    .synopsis = "[OPTIONS] RUN [RUN ...]",
	    .about =
		"Figures per workload and metric: A/B bars of medians with CI, box plots of raw "
		"samples,\ncost per PTE vs batch size, cost vs pages, counter counts vs remote "
		"placement.\nA figure whose data is not in the runs is skipped, with the "
		"reason.",
	    .opts = opts,
	    .min_args = 1,
	    .max_args = LB_OPT_ANY,
	    .args_error = "needs at least one RUN",
	};

	if ((rc = lb_opt_parse(&cmd, argc, argv, &first)) != LB_OPT_GO)
		return rc;
	rc = 0;
	p.fmt = fmt_names[format];
	p.ext = fmt_ext[format];
	if (getenv("LB_PLOTS_DIR")) /* tests run templates from a source tree elsewhere */
		p.plotdir = getenv("LB_PLOTS_DIR");
	p.n_runs = (size_t)(argc - first);
	p.runs = calloc(p.n_runs, sizeof(*p.runs));
	if (!p.runs)
		return LB_EXIT_FAIL;
	for (size_t i = 0; i < p.n_runs; i++)
		if (lb_run_load(argv[first + (int)i], results_dir, &p.runs[i], err, sizeof(err))) {
			fprintf(stderr, "lazybench plot: %s\n", err);
			p.n_runs = i;
			rc = LB_EXIT_FAIL;
			goto done;
		}
	if (!outdir) {
		snprintf(defdir, sizeof(defdir), "%s/plots", p.runs[0].dir);
		outdir = defdir;
	}
	if (mkdir_p(outdir)) {
		fprintf(stderr, "lazybench plot: cannot create %s: %s\n", outdir, strerror(errno));
		rc = LB_EXIT_FAIL;
		goto done;
	}
	p.outdir = outdir;
	title_suffix(&p);

	/* Every (workload, metric) of every run, once, in order of first appearance. */
	for (size_t r = 0; r < p.n_runs; r++)
		for (size_t i = 0; i < p.runs[r].n_cases; i++) {
			const struct lb_rcase *c = &p.runs[r].cases[i];
			bool wl_seen = false;

			for (size_t r2 = 0; r2 <= r && !wl_seen; r2++)
				for (size_t i2 = 0;
				     i2 < (r2 == r ? i : p.runs[r2].n_cases) && !wl_seen; i2++)
					wl_seen =
					    !strcmp(p.runs[r2].cases[i2].workload, c->workload);
			if (wl_seen)
				continue;
			/* First case of this workload: the metrics of all its cases. */
			for (size_t r2 = r; r2 < p.n_runs; r2++)
				for (size_t i2 = 0; i2 < p.runs[r2].n_cases; i2++) {
					const struct lb_rcase *d = &p.runs[r2].cases[i2];

					if (strcmp(d->workload, c->workload))
						continue;
					for (size_t m = 0; m < d->n_metrics; m++) {
						bool dup = false;

						for (size_t r3 = r; r3 <= r2 && !dup; r3++)
							for (size_t i3 = 0;
							     i3 < p.runs[r3].n_cases && !dup;
							     i3++) {
								const struct lb_rcase *e =
								    &p.runs[r3].cases[i3];

								if (r3 == r2 && i3 >= i2)
									break;
								if (strcmp(e->workload,
									   c->workload))
									continue;
								for (size_t k = 0; k < e->n_metrics;
								     k++)
									dup |= !strcmp(
									    e->metrics[k].name,
									    d->metrics[m].name);
							}
						for (size_t k = 0; k < m; k++)
							dup |= !strcmp(d->metrics[k].name,
								       d->metrics[m].name);
						if (dup)
							continue;
						lb_plot_bars(&p, c->workload, d->metrics[m].name,
							     d->metrics[m].unit);
						lb_plot_boxes(&p, c->workload, d->metrics[m].name,
							      d->metrics[m].unit);
						lb_plot_batch(&p, c->workload, d->metrics[m].name,
							      d->metrics[m].unit);
						lb_plot_pages(&p, c->workload, d->metrics[m].name,
							      d->metrics[m].unit);
						plot_tcg(&p, c->workload, d->metrics[m].name);
					}
				}
			lb_plot_remote(&p, c->workload);
		}
	printf("%zu figure(s) made, %zu skipped, %zu failed, in %s\n", p.made, p.skipped, p.failed,
	       outdir);
	if (p.failed || !p.made)
		rc = LB_EXIT_FAIL;
done:
	for (size_t i = 0; i < p.n_runs; i++)
		lb_run_free(&p.runs[i]);
	free(p.runs);
	return rc;
}

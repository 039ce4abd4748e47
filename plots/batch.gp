# Cost per PTE against batch size (log2 x), one line per series (run, mode, ...), error bars
# = 95% CI of the median per PTE; black points = the batch `lazybench tune` picks.
# datafile: one block per series (two blank lines apart), first line of a block = its title;
# columns batch, median/PTE, CI low/PTE, CI high/PTE. kneefile: batch, cost.
load plotdir.'/common.gp'
set logscale x 2
set xlabel 'batch: pages per kernel API call (log2; not PTEs per lazy section, see docs/kmod.md)'
# The offsets, not the next power of two, decide the x range.
set autoscale xfix
set offsets graph 0.04, graph 0.04, 0, 0
if (exists('ymin')) { set yrange [ymin:ymax] } else { set yrange [0:*] }
plot for [i=0:nseries-1] datafile index i using 1:2:3:4 with yerrorlines lt i+1 \
	title columnheader(1), \
	kneefile using 1:2 with points pt 7 ps 1.6 lc rgb 'black' \
	title 'tune: smallest batch within 5% of best'

# Cost against pages per operation (log2 x), one line per series, error bars = 95% CI of
# the median. datafile: blocks per series as in batch.gp; columns pages, median, low, high.
# ymin/ymax: the range lazybench plot computed from the medians (a CI reaching far beyond
# them is cut at the border instead of squashing every line).
load plotdir.'/common.gp'
set logscale x 2
set xlabel 'pages per operation (4 KiB, log2)'
# Keep the first and last points (and their CI bars) off the border.
# The offsets, not the next power of two, decide the x range.
set autoscale xfix
set offsets graph 0.04, graph 0.04, 0, 0
if (exists('ymin')) set yrange [ymin:ymax]
plot for [i=0:nseries-1] datafile index i using 1:2:3:4 with yerrorlines lt i+1 \
	title columnheader(1)

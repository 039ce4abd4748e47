# Cost against pages per operation (log2 x), one line per series, error bars = 95% CI of
# the median. datafile: blocks per series as in batch.gp; columns pages, median, low, high.
load plotdir.'/common.gp'
set logscale x 2
set xlabel 'pages per operation (4 KiB, log2)'
plot for [i=0:nseries-1] datafile index i using 1:2:3:4 with yerrorlines title columnheader(1)

# A/B bars: median of each case per run, error bars = 95% bootstrap CI of the median.
# datafile columns: case label, then per run: median, CI low, CI high (header row = names).
load plotdir.'/common.gp'
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.5 border -1
set xtics rotate by -40 left noenhanced
set bmargin 9
set yrange [0:*]
plot for [i=0:nseries-1] datafile using (column(2+3*i)):(column(3+3*i)):(column(4+3*i)):xtic(1) \
	title columnheader(2+3*i)

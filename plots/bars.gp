# A/B bars: median of each case per run, error bars = 95% bootstrap CI of the median.
# datafile columns: case label, then per run: median, CI low, CI high (header row = names).
# xrot: rotation of the case labels (45, or 90 for many cases); ascii figures number the
# cases instead (the numbers are listed under the figure).
load plotdir.'/common.gp'
if (!exists('xrot')) xrot = 45
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
if (fmt eq 'ascii') {
	set xtics noenhanced
} else {
	set xtics rotate by xrot right noenhanced
}
set yrange [0:*]
# The first row names the series (sym() joins it with the ascii symbol, so say so).
set key autotitle columnheader
set offsets 0, 0, graph 0.05, 0
plot for [i=0:nseries-1] datafile using (column(2+3*i)):(column(3+3*i)):(column(4+3*i)):xtic(1) \
	lt i+1 title sym(i+1).columnheader(2+3*i)

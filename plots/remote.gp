# Counter counts per operation (median over repetitions) against the placement of the remote
# task, for the measuring CPU and the remote (reader's) CPU: every column holds one scope.
# datafile: header row of series names; rows: placement, one column per series (NaN where
# the scope does not exist, e.g. the remote CPU without a reader).
# Set by lazybench plot: ncols, array serlt[ncols-1] (linetype = colour of the counter),
# array serremote[ncols-1] (1: remote CPU, drawn hatched; 0: measuring CPU, solid).
load plotdir.'/common.gp'
set xlabel 'remote task placement'
set xtics noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
set key outside right top
if (fmt eq 'ascii') {
	# No fills and seven bar characters in a terminal: one line per series, lettered points.
	# The key goes under the plot, where it cannot hide a point.
	set offsets 0.3, 0.3, graph 0.05, 0
	set key below left Left reverse
	plot for [i=2:ncols] datafile using 0:i:xtic(1) with linespoints lt i-1 pt i-1 \
		title columnheader(i)
} else {
	set style data histogram
	set style histogram clustered gap 1
	# Fill pattern 3 is solid, 4 hatched.
	plot for [i=2:ncols] datafile using i:xtic(1) lt serlt[i-1] \
		fs pattern (serremote[i-1] ? 4 : 3) border -1 title columnheader(i)
}

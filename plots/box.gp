# Box plots of the raw samples: one box per case and run, the runs of a case side by side in
# the run's colour (linetype 1, 2, ...: base blue, new vermillion).
# datafile: one block per box (two blank lines apart), columns x position, sample value.
# Set by lazybench plot: nboxes, nruns, array boxrun[nboxes] (run index from 1 of each box),
# runnames (space-separated), xticcmd (a `set xtics (...)` command with the case labels).
load plotdir.'/common.gp'
set style boxplot outliers pointtype 7
set pointsize 0.5
set style fill solid 0.35 border -1
if (fmt eq 'ascii') {
	set xtics noenhanced
} else {
	set xtics rotate by (exists('xrot') ? xrot : 45) right noenhanced
}
eval xticcmd
set xrange [0.3:*]
set offsets 0, 0.7, 0, 0
# Latencies are right-skewed and a single preempted sample would flatten every box.
set logscale y 10
# Above the plot: a key inside would cover the first box.
set key tmargin center horizontal
plot for [i=1:nboxes] datafile index (i-1) using 1:2 with boxplot lt boxrun[i] notitle, \
	for [r=1:nruns] NaN with boxes lt r title sym(r).word(runnames, r)

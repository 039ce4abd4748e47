# Counter counts per operation (median over repetitions) against the placement of the remote
# task. datafile: header row of counter names; rows: placement, one column per counter.
load plotdir.'/common.gp'
set style data histogram
set style histogram clustered gap 1
set style fill solid 0.5 border -1
set xlabel 'remote task placement'
set xtics noenhanced
set yrange [0:*]
plot for [i=2:ncols] datafile using i:xtic(1) title columnheader(i)

# Box plots of the raw samples of every case (one box per run and case).
# datafile: label (quoted), sample value; boxes are grouped by the label (factor column).
load plotdir.'/common.gp'
set style data boxplot
set style boxplot outliers pointtype 7
set pointsize 0.5
set style fill solid 0.3 border -1
set xtics rotate by -40 left noenhanced
set bmargin 9
set key off
# Latencies are right-skewed and a single preempted sample would flatten every box.
set logscale y 10
set rmargin 14
plot datafile using (1):2:(0.5):1

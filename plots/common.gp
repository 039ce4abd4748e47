# Terminal and style shared by every lazybench figure. lazybench plot sets, with -e:
#   fmt ('png' | 'svg' | 'ascii'), outfile, figtitle, plotdir, datafile, ylabel, nseries,
#   and optionally width (pixels; wide figures for many cases), cols and rows (ascii size),
#   bmargin (character rows under the x axis for the case labels).
if (!exists('width')) width = 1200
if (!exists('cols')) cols = 110
if (!exists('rows')) rows = 34
if (fmt eq 'png') {
	set terminal pngcairo size width,700 enhanced font 'DejaVu Sans,10'
} else {
	if (fmt eq 'svg') {
		set terminal svg size width,700 enhanced font 'DejaVu Sans,10' background rgb 'white'
	} else {
		set terminal dumb size cols,rows
	}
}
set output outfile
# Titles and labels carry case ids and kernel releases: no enhanced-text markup in them.
set title figtitle noenhanced
set ylabel ylabel noenhanced
set key inside right top opaque noenhanced
set grid ytics
set border 3
set rmargin 8
set tics nomirror
# Plain numbers on the y axis (values come scaled to ns, us or ms: never 2.5x10^6).
set format y '%g'
# Twelve distinct colours (Okabe-Ito, then tab10's brown, grey, olive, cyan, purple) with
# twelve distinct point types: no two of the first twelve series look alike. Series i uses
# linetype i; base and new of an A/B are 1 (blue) and 2 (vermillion) in every figure.
set linetype 1 lc rgb '#0072B2' lw 1.5 pt 7 ps 1.2
set linetype 2 lc rgb '#D55E00' lw 1.5 pt 5 ps 1.2
set linetype 3 lc rgb '#009E73' lw 1.5 pt 9 ps 1.3
set linetype 4 lc rgb '#CC79A7' lw 1.5 pt 11 ps 1.3
set linetype 5 lc rgb '#E69F00' lw 1.5 pt 13 ps 1.3
set linetype 6 lc rgb '#56B4E9' lw 1.5 pt 1 ps 1.4
set linetype 7 lc rgb '#000000' lw 1.5 pt 2 ps 1.4
set linetype 8 lc rgb '#8C564B' lw 1.5 pt 3 ps 1.4
set linetype 9 lc rgb '#7F7F7F' lw 1.5 pt 6 ps 1.3
set linetype 10 lc rgb '#BCBD22' lw 1.5 pt 4 ps 1.3
set linetype 11 lc rgb '#17BECF' lw 1.5 pt 8 ps 1.3
set linetype 12 lc rgb '#9467BD' lw 1.5 pt 12 ps 1.3
set linetype cycle 12
# The dumb terminal draws linetype i with one of seven characters and draws no key sample for
# bars: ascii figures put the character in front of each key entry instead.
dumbsym = '*#$%@&='
sym(i) = (fmt eq 'ascii') ? '['.substr(dumbsym, (i - 1) % 7 + 1, (i - 1) % 7 + 1).'] ' : ''
if (exists('bmargin')) set bmargin bmargin

# Terminal and style shared by every lazybench figure. lazybench plot sets, with -e:
#   fmt ('png' | 'svg' | 'ascii'), outfile, figtitle, plotdir, datafile, ylabel, nseries.
if (fmt eq 'png') {
	set terminal pngcairo size 1200,700 enhanced font 'DejaVu Sans,10'
} else {
	if (fmt eq 'svg') {
		set terminal svg size 1200,700 enhanced font 'DejaVu Sans,10' background rgb 'white'
	} else {
		set terminal dumb size 110,34
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

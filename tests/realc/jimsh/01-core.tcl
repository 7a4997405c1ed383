# Jim Tcl: lists, dicts, strings, expr, procs, upvar, catch, regexp.
proc fib {n} { if {$n < 2} { return $n }; expr {[fib [expr {$n - 1}]] + [fib [expr {$n - 2}]]} }
puts "fib [fib 20]"
set l {}
for {set i 0} {$i < 2000} {incr i} { lappend l [expr {($i * 7919) % 1009}] }
set s [lsort -integer $l]
puts "sort [lindex $s 0] [lindex $s 999] [lindex $s end] [llength $s]"
puts "uniq [llength [lsort -unique -integer $l]]"
set d [dict create a 1 b 2]
dict set d c 3
dict incr d a 10
puts "dict [dict get $d a] [dict keys $d] [dict size $d] [dict exists $d z]"
foreach {k v} $d { append out "$k=$v " }
puts $out
puts [string map {a A b B} "abcabc"][string repeat - 3][string toupper hello][string length "héllo"]
puts [format "%5.2f|%-4s|%04d|%x|%c" 3.14159 ab 42 255 65]
puts [join [split "a,b,,c" ,] |]
if {[regexp {(\d+)-(\d+)} "range 10-20 here" -> lo hi]} { puts "re $lo $hi" }
puts [regsub -all {[aeiou]} "the quick brown fox" _]
proc counter {varName} { upvar 1 $varName v; incr v }
set x 5; counter x; counter x; puts "upvar $x"
puts "catch [catch {error "boom"} msg] $msg"
puts "expr [expr {2 ** 40}] [expr {7 / 2}] [expr {7.0 / 2}] [expr {-7 % 3}] [expr {int(3.7)}] [expr {round(2.5)}]"
puts "math [expr {abs(-3)}] [expr {3 << 4}] [expr {"abc" eq "abc"}]"
set total 0
foreach w [split "the rain in spain falls mainly on the plain" " "] { incr count($w) }
foreach k [lsort [array names count]] { append words "$k:$count($k) " }
puts $words
puts [lmap x {1 2 3 4} { expr {$x * $x} }]
puts [info exists nosuch][info procs fib][llength [info commands]]
set f [open realc-jim.txt w]; puts $f "line one"; puts $f "line two"; close $f
set f [open realc-jim.txt r]; set data [read $f]; close $f
puts "file [string length $data] [llength [split [string trim $data] \n]]"
file delete realc-jim.txt
puts [lrange [lreverse [list 1 2 3 4 5]] 1 3]
puts [string is integer 42][string is integer 4x][string first b abcb][string last b abcb][string range abcdef 1 3]
try { expr {1 / 0} } on error {m} { puts "try: $m" } finally { puts finally }

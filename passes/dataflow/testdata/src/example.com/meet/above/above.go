// Package above imports the joiner and both packages again: nothing new.
package above

import (
	"example.com/meet/holder"
	"example.com/meet/joiner"
	"example.com/meet/leaker"
)

func Again() {
	joiner.Run()
	leaker.Leak(holder.Current)
}

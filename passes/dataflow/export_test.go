package dataflow

// SetMaxInstrs lowers the function size limit for a test, and returns the
// function that restores it.
func SetMaxInstrs(n int) (restore func()) {
	old := maxInstrsPerFunc
	maxInstrsPerFunc = n
	return func() { maxInstrsPerFunc = old }
}

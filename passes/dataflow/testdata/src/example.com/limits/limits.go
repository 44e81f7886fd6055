// Package limits: a path longer than the engine keeps is marked cut, and a
// function larger than the limit is reported, not silently skipped.
package limits

func secret() string { return "" }
func leak(string)    {}

func start() { g1(secret()) }

func g1(s string)  { g2(s) }
func g2(s string)  { g3(s) }
func g3(s string)  { g4(s) }
func g4(s string)  { g5(s) }
func g5(s string)  { g6(s) }
func g6(s string)  { g7(s) }
func g7(s string)  { g8(s) }
func g8(s string)  { g9(s) }
func g9(s string)  { g10(s) }
func g10(s string) { g11(s) }
func g11(s string) { g12(s) }
func g12(s string) { g13(s) }
func g13(s string) { g14(s) }
func g14(s string) { g15(s) }
func g15(s string) { g16(s) }
func g16(s string) { g17(s) }
func g17(s string) { g18(s) }
func g18(s string) { g19(s) }
func g19(s string) { g20(s) }
func g20(s string) { g21(s) }
func g21(s string) { g22(s) }
func g22(s string) { g23(s) }
func g23(s string) { g24(s) }
func g24(s string) { g25(s) }
func g25(s string) { g26(s) }
func g26(s string) { g27(s) }
func g27(s string) { g28(s) }
func g28(s string) { g29(s) }
func g29(s string) { g30(s) }
func g30(s string) { leak(s) } // want `secret\(\) reaches leak\(\) \(path cut\)`

// big has more instructions than the limit the test sets.
func big(a, b int) int { // want `limit: big is not analyzed: \d+ SSA instructions, more than the limit of 40`
	a = a*b + 0
	a = a*b + 1
	a = a*b + 2
	a = a*b + 3
	a = a*b + 4
	a = a*b + 5
	a = a*b + 6
	a = a*b + 7
	a = a*b + 8
	a = a*b + 9
	a = a*b + 10
	a = a*b + 11
	a = a*b + 12
	a = a*b + 13
	a = a*b + 14
	a = a*b + 15
	a = a*b + 16
	a = a*b + 17
	a = a*b + 18
	a = a*b + 19
	a = a*b + 20
	a = a*b + 21
	a = a*b + 22
	a = a*b + 23
	a = a*b + 24
	a = a*b + 25
	a = a*b + 26
	a = a*b + 27
	a = a*b + 28
	a = a*b + 29
	leak(secret())
	return a
}

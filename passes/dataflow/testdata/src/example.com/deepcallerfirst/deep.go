package deepcallerfirst

func secret() string { return "" }
func leak(string)    {}

func start() { f1(secret()) }

// A call chain 16 deep, declared caller first: found either way.
func f1(s string)  { f2(s) }
func f2(s string)  { f3(s) }
func f3(s string)  { f4(s) }
func f4(s string)  { f5(s) }
func f5(s string)  { f6(s) }
func f6(s string)  { f7(s) }
func f7(s string)  { f8(s) }
func f8(s string)  { f9(s) }
func f9(s string)  { f10(s) }
func f10(s string) { f11(s) }
func f11(s string) { f12(s) }
func f12(s string) { f13(s) }
func f13(s string) { f14(s) }
func f14(s string) { f15(s) }
func f15(s string) { f16(s) }
func f16(s string) { leak(s) } // want `secret\(\) reaches leak\(\)`

package robust

func secret() string { return "" }
func leak(string)    {}
func boom()          {}

func broken() { // want `problem: internal error analyzing example.com/robust.broken \(skipped; please report it\): boom`
	boom()
	leak(secret())
}

func fine() {
	leak(secret()) // want `secret\(\) reaches leak\(\)`
}

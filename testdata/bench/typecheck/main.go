// Command typecheck is the floor of any analysis driver built on
// go/packages: it loads the packages of the patterns and all their
// dependencies from source, with syntax and type information
// (LoadAllSyntax, as the command does), and does nothing else.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"
)

func main() {
	patterns := os.Args[1:]
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule}
	if _, err := packages.Load(cfg, patterns...); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

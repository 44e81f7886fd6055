// Package nogo holds one package per passthrough analyzer, each exporting
// the analyzer as the variable Analyzer, the form Bazel's rules_go nogo
// takes (one go_library per analyzer, listed in the nogo rule's deps).
// They are the analyzers go vet runs (suite.Analyzers): with
// //passthrough:allow applied, facts exported per package (nogo runs one
// package per action, with its dependencies' facts, as go vet does), and
// configured by their flags, which nogo passes from its JSON
// configuration ("analyzer_flags"). The README's "Bazel" section has a
// working configuration.
package nogo

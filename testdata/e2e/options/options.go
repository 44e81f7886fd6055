// Package options has a finding in a file only built with a tag, and one
// in a generated file: neither is reported by default.
package options

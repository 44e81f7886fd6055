// Package passthrough is the golangci-lint v2 module plugin of the
// passthrough analyzers. Build a golangci-lint that includes it (see
// .custom-gcl.yml and the README), then enable it:
//
//	version: "2"
//	linters:
//	  enable: [passthrough]
//	  settings:
//	    custom:
//	      passthrough:
//	        type: module
//	        settings:
//	          headers: [X-Tenant-Secret]
//
// The settings are the schema of the command's .passthrough.yml; an unknown
// key or a bad value is an error.
package passthrough

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"github.com/passthroughlint/passthrough/passes/config"
	"github.com/passthroughlint/passthrough/passes/report"
	"github.com/passthroughlint/passthrough/passes/suite"
	"github.com/passthroughlint/passthrough/passes/suppress"
	"golang.org/x/tools/go/analysis"
)

func init() {
	register.Plugin("passthrough", New)
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// New makes the plugin from its golangci-lint settings.
func New(settings any) (register.LinterPlugin, error) {
	cfg, err := register.DecodeSettings[config.Config](settings)
	if err != nil {
		return nil, fmt.Errorf("passthrough settings: %w", err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("passthrough settings: %w", err)
	}
	if err := cfg.CheckAnalyzers(suite.Names()); err != nil {
		return nil, fmt.Errorf("passthrough settings: %w", err)
	}
	var analyzers []*analysis.Analyzer
	for _, a := range suite.Enabled(suite.New(&cfg, suppress.Options{}), &cfg) {
		// golangci-lint shows related positions as separate issues.
		analyzers = append(analyzers, report.InlinePaths(a))
	}
	return &plugin{analyzers: analyzers}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information: the analyzers need it, and facts
// from dependencies.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

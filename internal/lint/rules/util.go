package rules

import (
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// reportProblems reports the loader's problems recorded under code.
func reportProblems(pass *lint.Pass, code config.Code) {
	for _, p := range pass.Doc.Problems {
		if p.Code == code {
			pass.Reportf(p.Pos, p.Path, "%s", p.Message)
		}
	}
	if pass.Collector != nil {
		for _, p := range pass.Collector.Problems {
			if p.Code == code {
				pass.Reportf(p.Pos, p.Path, "%s", p.Message)
			}
		}
	}
}

// problemRule is a rule whose findings come from loading (see config.Problem):
// its ID is the problem code.
func problemRule(code config.Code, sev lint.Severity, doc lint.Doc) *lint.Rule {
	return register(&lint.Rule{ID: string(code), Severity: sev, Doc: doc, Check: func(pass *lint.Pass) error {
		reportProblems(pass, code)
		return nil
	}})
}

// posOf returns the best position for a component: its key in the user's
// file, or where a chart default was merged in.
func posOf(c *config.Component) config.Pos { return c.KeyPos }

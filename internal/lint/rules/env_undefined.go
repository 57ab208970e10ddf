package rules

import (
	"fmt"

	"github.com/otelcfg/otelcfg/internal/lint"
)

// EnvUndefined reports ${env:VAR} references that get no value anywhere.
var EnvUndefined = register(&lint.Rule{
	ID:       "env-undefined",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "An environment variable has no value and no default",
		Text: "The collector replaces an unset ${env:VAR} with null (an empty value), which often fails a component's own check at start-up (an empty endpoint, an empty label). " +
			"otelcfg treats variables symbolically and warns when a variable is neither given with --env/--env-file, nor defined by the deployment (the Helm chart's pod env, a CR's spec.env), nor has a default (${env:VAR:-default}).",
		Bad:  "exporters:\n  otlp:\n    endpoint: ${env:OTLP_ENDPOINT}\n",
		Good: "exporters:\n  otlp:\n    endpoint: ${env:OTLP_ENDPOINT:-collector:4317}\n",
	},
	Check: func(pass *lint.Pass) error {
		defined := map[string]bool{}
		for _, n := range pass.Doc.DefinedEnv {
			defined[n] = true
		}
		for _, r := range pass.Doc.Env {
			if r.HasDefault || r.Resolved || defined[r.Name] {
				continue
			}
			pass.Report(lint.Finding{Pos: r.Pos, Path: r.Path, Message: fmt.Sprintf(
				"environment variable %s has no default and no value was given: when it is unset the collector substitutes null (an empty value); give it with --env %s=VALUE, or write ${env:%s:-DEFAULT}",
				r.Name, r.Name, r.Name)})
		}
		return nil
	},
})

package rules

import (
	"fmt"
	"regexp"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// pipelineNameRE is the name part of a pipeline ID (pipeline/pipeline.go).
var pipelineNameRE = regexp.MustCompile(`^[^\pZ\pC\pS]+$`)

// NoPipelines reports a service without pipelines.
var NoPipelines = register(&lint.Rule{
	ID:       "no-pipelines",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "The service has no pipelines",
		Text:      "A collector without a pipeline does nothing and the collector refuses to start. Add service.pipelines with at least one pipeline.",
		Bad:       "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\n",
		Good:      "receivers:\n  otlp:\n    protocols:\n      grpc:\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		if pass.Collector == nil || len(pass.Collector.Pipelines) > 0 {
			return nil
		}
		root := pass.Doc.Config
		if root.Kind != config.MapNode {
			pass.Reportf(root.Pos, pass.Doc.ConfigPath, "the collector config is a %s, not a map with receivers, exporters and service: nothing to run", root.Kind)
			return nil
		}
		pos, path := root.Pos, join(pass.Doc.ConfigPath, "service")
		if e := root.Entry("service"); e != nil {
			pos = e.KeyPos
			if p := e.Value.Entry("pipelines"); p != nil {
				pos, path = p.KeyPos, path+".pipelines"
			}
		}
		pass.Reportf(pos, path, "service must have at least one pipeline: add service.pipelines.<signal> with receivers and exporters")
		return nil
	},
})

// InvalidPipelineID reports pipeline keys that are not signal[/name].
var InvalidPipelineID = register(&lint.Rule{
	ID:       "invalid-pipeline-id",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A pipeline ID is not signal[/name]",
		Text:      "Pipelines are named by their signal (traces, metrics, logs, profiles), optionally followed by / and a name. Any other signal or a malformed name makes the collector refuse the config.",
		Bad:       "service:\n  pipelines:\n    spans:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Good:      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		for _, p := range pipelines(pass) {
			if msg := pipelineIDError(p); msg != "" {
				pass.Reportf(p.KeyPos, p.Path, "invalid pipeline ID %q: %s", p.ID, msg)
			}
		}
		return nil
	},
})

func pipelineIDError(p *config.Pipeline) string {
	_, _, slash := config.SplitID(p.ID)
	switch {
	case !contains(config.Signals, p.Signal):
		return fmt.Sprintf("unknown signal %q%s; pipelines are traces, metrics, logs or profiles, optionally with /name", p.Signal, ruleutil.DidYouMean(p.Signal, config.Signals))
	case slash && p.Name == "":
		return "the name after \"/\" is empty: drop the \"/\" or add a name"
	case slash && !pipelineNameRE.MatchString(p.Name):
		return fmt.Sprintf("name %q must not contain spaces, control characters or symbols such as + $ < > = ^ | ~", p.Name)
	}
	return ""
}

// pipelines returns the pipelines of the document, or nil.
func pipelines(pass *lint.Pass) []*config.Pipeline {
	if pass.Collector == nil {
		return nil
	}
	return pass.Collector.Pipelines
}

// validPipelines returns the pipelines whose ID parses, which are the ones
// the collector goes on to check.
func validPipelines(pass *lint.Pass) []*config.Pipeline {
	var out []*config.Pipeline
	for _, p := range pipelines(pass) {
		if pipelineIDError(p) == "" {
			out = append(out, p)
		}
	}
	return out
}

// MissingReceivers and MissingExporters report pipelines that cannot carry data.
var (
	MissingReceivers = register(&lint.Rule{
		ID:       "missing-receivers",
		Severity: lint.Error,
		Doc: lint.Doc{
			Title:     "A pipeline has no receivers",
			Text:      "Every pipeline needs at least one receiver (or a connector used as a receiver) to get data from. The collector refuses a pipeline without one.",
			Bad:       "service:\n  pipelines:\n    traces:\n      exporters: [debug]\n",
			Good:      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
			Collector: true,
		},
		Check: func(pass *lint.Pass) error {
			for _, p := range validPipelines(pass) {
				if len(p.Receivers) == 0 {
					pass.Reportf(p.KeyPos, p.Path+".receivers", "pipeline %q must have at least one receiver: add receivers: [...]", p.ID)
				}
			}
			return nil
		},
	})
	MissingExporters = register(&lint.Rule{
		ID:       "missing-exporters",
		Severity: lint.Error,
		Doc: lint.Doc{
			Title:     "A pipeline has no exporters",
			Text:      "Every pipeline needs at least one exporter (or a connector used as an exporter) to send data to. The collector refuses a pipeline without one.",
			Bad:       "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n",
			Good:      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
			Collector: true,
		},
		Check: func(pass *lint.Pass) error {
			for _, p := range validPipelines(pass) {
				if len(p.Exporters) == 0 {
					pass.Reportf(p.KeyPos, p.Path+".exporters", "pipeline %q must have at least one exporter: add exporters: [...]", p.ID)
				}
			}
			return nil
		},
	})
)

// DuplicateProcessor reports a processor listed twice in one pipeline.
var DuplicateProcessor = register(&lint.Rule{
	ID:       "duplicate-processor",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title:     "A processor appears twice in one pipeline",
		Text:      "A pipeline runs each processor instance once; the collector rejects a pipeline that lists the same processor ID twice. Define a second instance (batch/2) if you really need it twice.",
		Bad:       "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch, batch]\n      exporters: [debug]\n",
		Good:      "service:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [batch]\n      exporters: [debug]\n",
		Collector: true,
	},
	Check: func(pass *lint.Pass) error {
		for _, p := range validPipelines(pass) {
			seen := map[string]config.Ref{}
			for _, r := range p.Processors {
				if first, dup := seen[r.ID]; dup {
					pass.Report(lint.Finding{Pos: r.Pos, Path: r.Path,
						Message: fmt.Sprintf("pipeline %q references processor %q multiple times: remove the repeat, or define a second instance (%s/2)", p.ID, r.ID, r.ID),
						Related: []lint.Related{{Pos: first.Pos, Message: "first listed here"}}})
					continue
				}
				seen[r.ID] = r
			}
		}
		return nil
	},
})

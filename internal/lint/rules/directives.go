package rules

import "github.com/otelcfg/otelcfg/internal/lint"

// The suppression stage reports these; they are registered so they can be
// documented, configured and listed like every other rule.
var (
	InvalidIgnore = register(&lint.Rule{
		ID:       lint.InvalidIgnoreID,
		Severity: lint.Warning,
		Doc: lint.Doc{
			Title: "An otelcfg:ignore comment is malformed",
			Text:  "Suppressions are written `# otelcfg:ignore RULE-ID[,RULE-ID] reason` (on the offending line, or alone on the line above) or `# otelcfg:file-ignore RULE-ID reason`. A missing reason or an unknown rule ID is reported, so suppressions stay explained and do not rot.",
			Bad:   "exporters:\n  debug: {} # otelcfg:ignore unused-component\n",
			Good:  "exporters:\n  debug: {} # otelcfg:ignore unused-component kept for local debugging\n",
		},
	})
	UnusedIgnore = register(&lint.Rule{
		ID:       lint.UnusedIgnoreID,
		Severity: lint.Warning,
		Doc: lint.Doc{
			Title: "An otelcfg:ignore comment suppresses nothing",
			Text:  "The finding the comment was written for is gone (or was never on that line). Remove the comment so that it cannot hide a future finding.",
			Bad:   "receivers:\n  otlp: # otelcfg:ignore unused-component not used yet\n    protocols:\n      grpc:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      exporters: [debug]\n",
			Good:  "receivers:\n  otlp:\n    protocols:\n      grpc:\n",
		},
	})
)

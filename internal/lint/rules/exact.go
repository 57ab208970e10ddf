package rules

import (
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// The exact layer (package exact) reports these: it runs the collector's
// own component code on the config, in the otelcfg-collector program.
// They are registered so they can be documented, configured and listed
// like every other rule.
var (
	ComponentConfigInvalid = register(&lint.Rule{
		ID:       exact.RuleConfigInvalid,
		Severity: lint.Error,
		Doc: lint.Doc{
			Title: "The component's own code rejects its settings",
			Text: "otelcfg decoded the component's settings into its factory's default config and ran its Validate(), with the collector's own code (`otelcol validate` does the same and fails): a key the component does not have, a value of the wrong type, a value out of range, settings that exclude each other, an OTTL statement that does not parse, service::telemetry checks. The message is the collector's; the position is the key it names, or the component's ID. " +
				"Checked by the otelcfg-collector program when it is installed next to otelcfg or on PATH (skip it with --fast), or by your own collector with --collector.",
			Bad:       "exporters:\n  otlp_grpc:\n    endpoint: tempo:4317\n    retry_on_failure:\n      randomization_factor: 2\n",
			Good:      "exporters:\n  otlp_grpc:\n    endpoint: tempo:4317\n    retry_on_failure:\n      randomization_factor: 0.5\n",
			Collector: true,
		},
	})
	ComponentCreateFailed = register(&lint.Rule{
		ID:       exact.RuleCreateFailed,
		Severity: lint.Error,
		Doc: lint.Doc{
			Title:     "The collector fails to create a component a pipeline uses",
			Text:      "`otelcol validate` builds the pipeline graph, which creates every component a pipeline uses; some settings are checked only then (an attributes action that does not exist, a resource action without a key, a redaction pattern that does not compile, a metrics_transform action out of its enum). otelcfg creates the same components with the collector's own factories and no-op settings, for every pipeline, and reports every failure, not only the first. Components no pipeline uses are not created, as in the collector.",
			Bad:       "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  attributes:\n    actions:\n      - key: env\n        value: prod\n        action: inset\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [attributes]\n      exporters: [debug]\n",
			Good:      "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  attributes:\n    actions:\n      - key: env\n        value: prod\n        action: insert\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [attributes]\n      exporters: [debug]\n",
			Collector: true,
		},
	})
	ComponentStartFailed = register(&lint.Rule{
		ID:       exact.RuleStartFailed,
		Severity: lint.Error,
		Doc: lint.Doc{
			Title:     "A processor or connector fails to start",
			Text:      "Some components check their settings only when they start, which `otelcol validate` never does: the config validates, then the collector exits at start-up (a crash loop in Kubernetes). tail_sampling, for one, builds its policies in Start, so a policy type it does not know fails there. otelcfg starts the processors and connectors whose Start touches nothing outside the process (a list kept per component, with the reason read in its code), with a no-op host, and shuts them down. Receivers and exporters are never started: they open ports and connections.",
			Bad:       "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  tail_sampling:\n    policies:\n      - name: slow\n        type: latencyy\n        latency:\n          threshold_ms: 500\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [tail_sampling]\n      exporters: [debug]\n",
			Good:      "receivers:\n  otlp:\n    protocols:\n      grpc:\nprocessors:\n  tail_sampling:\n    policies:\n      - name: slow\n        type: latency\n        latency:\n          threshold_ms: 500\nexporters:\n  debug:\nservice:\n  pipelines:\n    traces:\n      receivers: [otlp]\n      processors: [tail_sampling]\n      exporters: [debug]\n",
			Collector: true,
		},
	})
	HostDependentCheck = register(&lint.Rule{
		ID:       exact.RuleHostDependent,
		Severity: lint.Info,
		Doc: lint.Doc{
			Title:     "A component check depends on the machine, not on the config",
			Text:      "The component's code looked at the machine that ran the check: a directory that must exist (file_storage, hostmetrics root_path), a TLS file, a host name to resolve, the memory limit of the container. What it found here says nothing about the host the collector is deployed to, so it is reported as information, never as an error. Make sure the file, directory or name exists where the collector runs.",
			Bad:       "extensions:\n  file_storage:\n    directory: /var/lib/otelcol/file_storage/does-not-exist-here\n",
			Good:      "extensions:\n  file_storage:\n    directory: /var/lib/otelcol/file_storage/does-not-exist-here\n    create_directory: true\n",
			Collector: true,
		},
	})
	EnvDependentCheck = register(&lint.Rule{
		ID:       exact.RuleEnvDependent,
		Severity: lint.Info,
		Doc: lint.Doc{
			Title:     "A component check fails because a variable has no value here",
			Text:      "The component's code rejected a setting that holds a reference without a value here: an unset ${env:X} (which the collector makes empty, or null when it is the whole value), a variable the deployment sets (the Helm chart's pod env, a CR's spec.env), or a provider otelcfg does not resolve offline. The config may well be right where the collector runs, so this is information, not an error: give the variable a value with --env X=VALUE or --env-file FILE to check it for real.",
			Bad:       "exporters:\n  otlp_grpc:\n    endpoint: ${env:OTLP_ENDPOINT_UNSET_IN_DOCS}\n",
			Good:      "exporters:\n  otlp_grpc:\n    endpoint: ${env:OTLP_ENDPOINT_UNSET_IN_DOCS:-tempo:4317}\n",
			Collector: true,
		},
	})
)

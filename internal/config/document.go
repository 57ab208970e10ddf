package config

// Kind is the form a collector configuration was found in.
type Kind string

const (
	KindConfig     Kind = "config"      // a plain collector config file
	KindHelmValues Kind = "helm-values" // values for the opentelemetry-collector chart
	KindOperatorCR Kind = "operator-cr" // an OpenTelemetryCollector resource
	KindConfigMap  Kind = "configmap"   // a Kubernetes ConfigMap holding a config
	// KindInstrumentation is the operator's Instrumentation resource: no
	// collector config, but an exporter endpoint that must reach one.
	KindInstrumentation Kind = "instrumentation"
)

// Kinds lists every input kind, for flags and messages.
var Kinds = []Kind{KindConfig, KindHelmValues, KindOperatorCR, KindConfigMap, KindInstrumentation}

// Document is one collector configuration to check, with where it came from.
type Document struct {
	File  string // path as given by the user ("-" for stdin)
	Index int    // 0-based YAML document index within File
	Kind  Kind
	Name  string // human label, e.g. "OpenTelemetryCollector spring/sidecar-for-spring"

	// Source is the whole YAML document as written (the values file, the CR).
	Source *Node
	// Config is the collector configuration to check: for Helm values, the
	// user's config merged over the chart's defaults and presets; for a CR,
	// spec.config (parsed from the string for v1alpha1). Nil when the
	// document holds no config (Problems then say why).
	Config *Node
	// ConfigPath is the YAML path of Config inside Source ("" for plain configs,
	// "config" for Helm values, "spec.config" for CRs, "data.<key>" for ConfigMaps).
	ConfigPath string

	// DefinedEnv names variables the deployment defines (the chart's pod
	// env, a CR's spec.env), so references to them are not "undefined".
	DefinedEnv []string
	// Env lists every ${env:VAR} / ${VAR} reference in the config.
	Env []EnvRef
	// Problems are what loading found (syntax, duplicate keys, unreadable
	// providers...). The lint engine turns each into a finding of rule Code.
	Problems []Problem
	// Facts carries kind-specific data for rules (e.g. Helm mode, CR apiVersion).
	Facts map[string]string
	// FeatureGates are the collector feature gates the config runs with.
	FeatureGates map[string]bool
	// CodeChecked holds "class/id" ("receiver/otlp") of the components
	// whose settings the collector's own code checked (lint's exact layer).
	CodeChecked map[string]bool

	limit *LimitError // an embedded config went over a limit
}

// EnvRef is one environment variable reference found in a scalar.
type EnvRef struct {
	Name       string
	Default    string // value after ":-"
	HasDefault bool
	Resolved   bool // given a value by --env/--env-file
	Pos        Pos
	Path       string
}

// Problem is something loading found wrong or could not check.
type Problem struct {
	Code    Code // the rule ID it is reported under
	Pos     Pos
	Path    string
	Message string
}

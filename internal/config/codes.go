package config

// Code names what loading found: each Problem carries one, and the lint
// rule whose ID equals the code reports it (rules_test checks that every
// code has its rule). A typed code means a typo fails to compile instead of
// silently dropping findings.
type Code string

// Problem codes, one per loader finding.
const (
	CodeYAMLSyntax          Code = "yaml-syntax"
	CodeDuplicateKey        Code = "duplicate-key"
	CodeInvalidStructure    Code = "invalid-structure"
	CodeInputSkipped        Code = "input-skipped"
	CodeProviderUnchecked   Code = "provider-unchecked"
	CodeProviderError       Code = "provider-error"
	CodeInvalidEnvReference Code = "invalid-env-reference"
	CodeHelmChartError      Code = "helm-chart-error"
	CodeHelmChartNote       Code = "helm-chart-note"
)

// Codes lists every problem code.
var Codes = []Code{
	CodeYAMLSyntax, CodeDuplicateKey, CodeInvalidStructure, CodeInputSkipped, CodeProviderUnchecked,
	CodeProviderError, CodeInvalidEnvReference, CodeHelmChartError, CodeHelmChartNote,
}

// Unreadable reports whether a problem of this code means the document's
// text could not be read as YAML at all (nothing else in it can be trusted).
func (c Code) Unreadable() bool { return c == CodeYAMLSyntax || c == CodeDuplicateKey }

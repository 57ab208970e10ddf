package exact

import (
	"fmt"
	"sort"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

// Rule IDs of the exact layer (documented in package rules).
const (
	// RuleConfigInvalid: a component's settings do not decode, or its
	// Validate() rejects them; service::telemetry likewise.
	RuleConfigInvalid = "component-config-invalid"
	// RuleCreateFailed: the factory fails to create a component the
	// pipelines use (`otelcol validate` fails the same way).
	RuleCreateFailed = "component-create-failed"
	// RuleStartFailed: a processor or connector fails to start: validate
	// passes, the collector exits at start-up.
	RuleStartFailed = "component-start-failed"
	// RuleHostDependent: an error that depends on the machine that checked
	// the config (files, DNS, memory limit), not on the config.
	RuleHostDependent = "host-dependent-check"
	// RuleEnvDependent: an error caused by a reference that has no value
	// here (an unset variable, a remote provider).
	RuleEnvDependent = "env-dependent-check"
)

// Rules lists the exact layer's rule IDs.
var Rules = []string{RuleConfigInvalid, RuleCreateFailed, RuleEnvDependent, RuleHostDependent, RuleStartFailed}

var stageRule = map[string]string{
	StageDecode: RuleConfigInvalid, StageValidate: RuleConfigInvalid,
	StageCreate: RuleCreateFailed, StageStart: RuleStartFailed,
}

// findings turns the errors of one result into positioned findings.
func (p *prepared) findings(res Result) []lint.Finding {
	doc := p.doc
	root := rootPlace(doc.Config, doc.ConfigPath)
	var out []lint.Finding
	seen := map[string]bool{}
	for _, e := range res.Errors {
		rule, ok := stageRule[e.Stage]
		if !ok {
			continue // resolve errors are the document's status, not a finding
		}
		comp, found := root, false
		if e.Kind != "" {
			comp, found = root.component(e.Kind, e.ID)
		}
		places := []place{comp}
		if found || e.Kind == "" {
			places = locate(comp, e.Message)
		}
		for _, pl := range places {
			f := lint.Finding{Rule: rule, Severity: lint.Error, Message: collectorText(e), Pos: validPos(pl.pos, comp.pos, doc), Path: pl.dot}
			if ref, ok := p.unresolvedAt(pl, comp); ok {
				f.Rule, f.Severity = RuleEnvDependent, lint.Info
				f.Message += "; " + ref.explain()
			} else if e.Host != "" {
				f.Rule, f.Severity = RuleHostDependent, lint.Info
				f.Message += fmt.Sprintf(" (this depends on %s: it was checked on this machine, which says nothing about the deploy host)", e.Host)
			} else if e.Stage == StageStart {
				f.Message += " (the collector exits at start-up; `otelcol validate` does not catch this)"
			}
			// confmap.Validate can report one error at two levels of a
			// struct ("tls: x" and "tls::config: x"): report it once.
			key := fmt.Sprintf("%s|%s|%s", f.Pos, f.Rule, bare(e.Message))
			if !seen[key] {
				seen[key] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// validPos falls back from a place without a position in the user's file
// (a chart default) to the component's, then to the document's.
func validPos(pos, comp config.Pos, doc *config.Document) config.Pos {
	switch {
	case pos.IsValid():
		return pos
	case comp.IsValid():
		return comp
	case doc.Config != nil && doc.Config.Pos.IsValid():
		return doc.Config.Pos
	case doc.Source != nil:
		return doc.Source.Pos
	}
	return config.Pos{File: doc.File}
}

// bare is an error text without its leading key path.
func bare(msg string) string {
	for {
		if m := keyPrefix.FindStringSubmatch(msg); m != nil {
			msg = msg[len(m[0]):]
			continue
		}
		return msg
	}
}

// collectorText words an error as the collector prints it.
func collectorText(e Error) string {
	sec := sectionOf[e.Kind]
	switch e.Stage {
	case StageDecode, StageValidate:
		if e.Kind == "" {
			return e.Message
		}
		return fmt.Sprintf("%s::%s: %s", sec, e.ID, e.Message)
	case StageCreate:
		switch e.Kind {
		case KindProcessor:
			return fmt.Sprintf("failed to create %q processor, in pipeline %q: %s", e.ID, e.Pipeline, e.Message)
		case KindConnector:
			return fmt.Sprintf("failed to create %q connector (%s): %s", e.ID, e.Pipeline, e.Message)
		case "":
			return e.Message
		}
		return fmt.Sprintf("failed to create %q %s for data type %q: %s", e.ID, e.Kind, e.Pipeline, e.Message)
	case StageStart:
		return fmt.Sprintf("failed to start %q %s: %s", e.ID, e.Kind, e.Message)
	}
	return e.Message
}

// unresolvedAt returns a reference without a value that the error at pl
// depends on: one at, above or below pl, or anywhere in the component when
// the error could not be placed below it.
func (p *prepared) unresolvedAt(pl, comp place) (unresolvedRef, bool) {
	for _, r := range p.unresolved {
		if isPrefix(r.path, pl.path) || isPrefix(pl.path, r.path) {
			return r, true
		}
		if pl.node == comp.node && len(comp.path) > 0 && isPrefix(comp.path, r.path) {
			return r, true
		}
	}
	return unresolvedRef{}, false
}

func isPrefix(prefix, path []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i := range prefix {
		if prefix[i] != path[i] {
			return false
		}
	}
	return true
}

// explain says which reference has no value and how to give it one.
func (r unresolvedRef) explain() string {
	switch {
	case r.name == "":
		return fmt.Sprintf("it depends on %s, which otelcfg does not resolve offline (the collector resolves it at start-up)", r.text)
	case r.deployment:
		return fmt.Sprintf("it depends on %s, which the deployment sets (pod env) but which has no value here: give it with --env %s=VALUE to check it", r.text, r.name)
	}
	return fmt.Sprintf("it depends on %s, which has no value here (the collector makes it empty): give it with --env %s=VALUE or --env-file FILE to check it", r.text, r.name)
}

// Dedup drops the exact layer's errors that repeat an error another rule
// already reports at the same position (an unknown key is found by the
// schema and by the collector's decoder alike), so each problem is
// reported once, under the rule that explains it best.
func Dedup(existing, exact []lint.Finding) []lint.Finding {
	taken := map[config.Pos]bool{}
	for _, f := range existing {
		if f.Severity == lint.Error {
			taken[f.Pos] = true
		}
	}
	var out []lint.Finding
	for _, f := range exact {
		if f.Severity == lint.Error && taken[f.Pos] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// componentKeys lists "kind/id" of statuses with the given status.
func componentKeys(res Result, status string) []string {
	var out []string
	for _, c := range res.Components {
		if c.Status == status {
			out = append(out, c.Kind+"/"+c.ID)
		}
	}
	sort.Strings(out)
	return out
}

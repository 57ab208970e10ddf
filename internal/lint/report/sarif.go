package report

import (
	"io"
	"net/url"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
)

const (
	sarifSchemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion   = "2.1.0"
	toolName       = "otelcfg"
	toolInfoURI    = "https://github.com/otelcfg/otelcfg"
)

// The SARIF 2.1.0 subset otelcfg emits. Field order is output order.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
		// Columns come from yaml.v3, which counts code points.
		ColumnKind string `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string                 `json:"id"`
		ShortDescription     *sarifText             `json:"shortDescription,omitempty"`
		FullDescription      *sarifText             `json:"fullDescription,omitempty"`
		Help                 *sarifText             `json:"help,omitempty"`
		DefaultConfiguration sarifRuleConfiguration `json:"defaultConfiguration"`
		Properties           *sarifRuleProperties   `json:"properties,omitempty"`
	}
	sarifRuleConfiguration struct {
		Level string `json:"level"`
	}
	sarifRuleProperties struct {
		Tags []string `json:"tags,omitempty"`
	}
	// sarifText is both a message and a multiformatMessageString.
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        *int            `json:"ruleIndex,omitempty"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations,omitempty"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	}
	sarifLocation struct {
		ID               *int           `json:"id,omitempty"`
		PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
		LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
		Message          *sarifText     `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogical struct {
		FullyQualifiedName string `json:"fullyQualifiedName"`
	}
)

// writeSARIF writes one SARIF 2.1.0 log with a single run. The driver lists
// every rule (sorted by ID) with its documentation; results point at them by
// ruleId and, when the rule is known, ruleIndex.
func writeSARIF(w io.Writer, r Report, _ Options) error {
	rules := make([]*lint.Rule, 0, len(r.Rules))
	for _, rule := range r.Rules {
		if rule != nil {
			rules = append(rules, rule)
		}
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })

	driver := sarifDriver{
		Name:           toolName,
		InformationURI: toolInfoURI,
		Version:        r.Version,
		Rules:          make([]sarifRule, 0, len(rules)),
	}
	index := map[string]int{}
	for _, rule := range rules {
		if _, dup := index[rule.ID]; dup {
			continue
		}
		index[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRuleOf(rule))
	}

	results := make([]sarifResult, 0, len(r.Findings))
	for _, f := range r.Findings {
		res := sarifResult{
			RuleID:  f.Rule,
			Level:   sarifLevel(f.Severity),
			Message: sarifText{Text: f.Message},
		}
		if i, ok := index[f.Rule]; ok {
			res.RuleIndex = &i
		}
		if loc, ok := sarifLocationOf(f.Pos); ok {
			if f.Path != "" {
				loc.LogicalLocations = []sarifLogical{{FullyQualifiedName: f.Path}}
			}
			res.Locations = []sarifLocation{loc}
		}
		for i, rel := range f.Related {
			loc, ok := sarifLocationOf(rel.Pos)
			if !ok {
				continue
			}
			id := i
			loc.ID = &id
			if rel.Message != "" {
				loc.Message = &sarifText{Text: rel.Message}
			}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		results = append(results, res)
	}

	return encodeJSON(w, sarifLog{
		Schema:  sarifSchemaURI,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool:       sarifTool{Driver: driver},
			Results:    results,
			ColumnKind: "unicodeCodePoints",
		}},
	})
}

func sarifRuleOf(rule *lint.Rule) sarifRule {
	sr := sarifRule{
		ID:                   rule.ID,
		DefaultConfiguration: sarifRuleConfiguration{Level: sarifLevel(rule.Severity)},
	}
	d := rule.Doc
	if d.Title != "" {
		sr.ShortDescription = &sarifText{Text: d.Title}
	}
	if d.Text != "" {
		sr.FullDescription = &sarifText{Text: d.Text}
	}
	if d.Text != "" || d.Bad != "" || d.Good != "" {
		sr.Help = &sarifText{Text: helpText(d), Markdown: helpMarkdown(d)}
	}
	if d.Collector {
		sr.Properties = &sarifRuleProperties{Tags: []string{"collector"}}
	}
	return sr
}

// helpText is the plain-text help: the rule text, then the examples
// indented by four spaces.
func helpText(d lint.Doc) string {
	parts := []string{}
	if d.Text != "" {
		parts = append(parts, strings.TrimSpace(d.Text))
	}
	example := func(label, yaml string) {
		if yaml = strings.TrimRight(yaml, "\n"); yaml != "" {
			parts = append(parts, label+":\n\n    "+strings.ReplaceAll(yaml, "\n", "\n    "))
		}
	}
	example("Bad", d.Bad)
	example("Good", d.Good)
	return strings.Join(parts, "\n\n")
}

// helpMarkdown is the help as Markdown, with the examples as YAML blocks.
func helpMarkdown(d lint.Doc) string {
	parts := []string{}
	if d.Text != "" {
		parts = append(parts, strings.TrimSpace(d.Text))
	}
	example := func(label, yaml string) {
		if yaml = strings.TrimRight(yaml, "\n"); yaml != "" {
			fence := "```"
			for strings.Contains(yaml, fence) {
				fence += "`"
			}
			parts = append(parts, "**"+label+":**\n\n"+fence+"yaml\n"+yaml+"\n"+fence)
		}
	}
	example("Bad", d.Bad)
	example("Good", d.Good)
	return strings.Join(parts, "\n\n")
}

// sarifLevel maps severities onto SARIF levels.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Info:
		return "note"
	}
	return "warning"
}

// sarifLocationOf is p as a physical location; ok is false when p names no
// file. The region is left out when the line is unknown.
func sarifLocationOf(p config.Pos) (loc sarifLocation, ok bool) {
	if p.File == "" {
		return loc, false
	}
	phys := &sarifPhysical{ArtifactLocation: sarifArtifact{URI: sarifURI(p.File)}}
	if p.Line > 0 {
		phys.Region = &sarifRegion{StartLine: p.Line}
		if p.Col > 0 {
			phys.Region.StartColumn = p.Col
		}
	}
	return sarifLocation{PhysicalLocation: phys}, true
}

// sarifURI turns a file name into a URI reference: relative names stay
// relative slash paths (percent-encoded where needed), absolute ones become
// file:// URIs.
func sarifURI(file string) string {
	p := filepath.ToSlash(file)
	if filepath.IsAbs(file) || path.IsAbs(p) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // Windows drive letter
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

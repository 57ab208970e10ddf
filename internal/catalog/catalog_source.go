package catalog

// Where a Component's facts come from (Component.Source).
const (
	// SourceMetadata: read by the generator from metadata.yaml in the
	// component's module zip, whose h1: hash the generated file records.
	SourceMetadata = "metadata"
	// SourceTable: the module proxy refused the module; the facts come from
	// the hand-kept table internal/gen/catalog/offline.yaml, which names the
	// upstream commit each row was read from (Component.Upstream).
	SourceTable = "table"
	// SourceChecklist: only class and type are known (from the contrib
	// distribution's reports/distributions/contrib.yaml); the signals were
	// not read, so Stability is empty and must not be used to reject a
	// pipeline. See Component.SignalsKnown.
	SourceChecklist = "checklist"
)

// SignalsKnown reports whether Stability lists the component's signals. When
// it is false, a linter should say "signals not checked" rather than report
// an unsupported signal.
func (c *Component) SignalsKnown() bool { return c.Source != SourceChecklist }

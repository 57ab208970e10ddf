package catgen

// The generator keeps its own copy of the catalog's data types so that it
// never imports internal/catalog, whose zz_generated.go it writes (a broken or
// missing generated file must not stop regeneration). Render emits values of
// these types as catalog.Component literals; the field names match.

// Class is a component class, as in catalog.Class.
type Class string

// Component classes.
const (
	Receiver  Class = "receiver"
	Processor Class = "processor"
	Exporter  Class = "exporter"
	Connector Class = "connector"
	Extension Class = "extension"
)

// Classes lists the classes in config order, as catalog.Classes.
var Classes = []Class{Receiver, Processor, Exporter, Connector, Extension}

// Section returns the config section name ("receivers").
func (c Class) Section() string { return string(c) + "s" }

// Values of Component.Source, as in package catalog.
const (
	SourceMetadata  = "metadata"
	SourceTable     = "table"
	SourceChecklist = "checklist"
)

// Component mirrors catalog.Component field for field.
type Component struct {
	Class           Class
	Type            string
	DeprecatedTypes []string
	Stability       map[string]string
	Distributions   []string
	Module          string
	Version         string
	Source          string
	Upstream        string
}

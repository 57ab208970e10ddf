package components

// The package whose state is reset below is linked through the
// host_metrics receiver (hostmetricsreceiver imports it).
import _ "unsafe" // for go:linkname

// setGlobalRootPath is gopsutilenv.SetGlobalRootPath. host_metrics'
// Validate records the first root_path it sees in that package's global
// and rejects any other ("inconsistent root_path configuration detected
// among components"): right for a collector, which holds one config, wrong
// for a linter that checks many in one process. The package is internal to
// contrib, so it cannot be imported by name; its exported reset (meant for
// its own tests) is reached by linkname.
//
//go:linkname setGlobalRootPath github.com/open-telemetry/opentelemetry-collector-contrib/internal/gopsutilenv.SetGlobalRootPath
func setGlobalRootPath(string)

// ProcessState maps the component types whose Validate keeps state in the
// process to a function that clears it (see exact/engine.Options).
func ProcessState() map[string]func() {
	return map[string]func(){"host_metrics": func() { setGlobalRootPath("") }}
}

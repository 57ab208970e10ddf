package scgen

// The pinned inputs. Changing any of them is a deliberate act: the generator
// refuses to run when what it downloads does not hash to these values.
const (
	// GoModule and GoVersion name the otel-go module whose semconv/vX.Y.Z
	// packages are read; GoSum is its h1: hash (the go.sum form of the
	// module zip), checked against `go mod download -json` and recomputed
	// over the extracted directory.
	GoModule  = "go.opentelemetry.io/otel"
	GoVersion = "v1.47.0"
	GoSum     = "h1:j7ALJ/zgkS7Z6aeJW09p8VC9804bC+PpeTfCD4XPnOM="

	// SemconvVersion is the newest semconv package in GoModule: the
	// registry's "current" version.
	SemconvVersion = "1.43.0"

	// NPMPackage, NPMVersion and NPMIntegrity pin the npm tarball read for
	// deprecations; NPMIntegrity is the registry's dist.integrity (sha512 of
	// the .tgz), checked against the bytes read.
	NPMPackage   = "@opentelemetry/semantic-conventions"
	NPMVersion   = "1.45.0"
	NPMIntegrity = "sha512-aOP45mbcOKbQVvFWfQmgoOPT8R2iwbbbgl83k4CujGV9BrJhFr3qG55MFpwFs4YLabpuW3HhzUY9eQxPlDqaZw=="

	// NPMDerivedFile is the committed extract of the npm tarball (see
	// NPMData); NPMDerivedSHA256 is the sha256 of its bytes. The generator
	// and the tests refuse a derived file that does not hash to it.
	NPMDerivedFile   = "npm-semantic-conventions-1.45.0.json"
	NPMDerivedSHA256 = "5a0e0c57411ae31c7f94a31204467bc06927f18da7d54c91f7ae3f6ae221bbb0"
)

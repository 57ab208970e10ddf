package catgen

import (
	"context"

	"github.com/otelcfg/otelcfg/internal/gen/modzip"
)

// Download is what `go mod download -json` reports for one module version.
type Download = modzip.Download

// Downloader fetches one module version; see modzip.Downloader.
type Downloader = modzip.Downloader

// GoModDownload runs `go mod download -json path@version`; see
// modzip.GoModDownload.
func GoModDownload(ctx context.Context, path, version string) (Download, error) {
	return modzip.GoModDownload(ctx, path, version)
}

// Reason shortens a download error to a stable phrase; see modzip.Reason.
func Reason(err string) string { return modzip.Reason(err) }

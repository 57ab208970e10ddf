package chart

import "strings"

// Name is the chart's name, the default of its Service's name.
const Name = "opentelemetry-collector"

// Fullname is the chart's `otel.fullname` template, the name of its
// Service and workload: fullnameOverride; else the release name when it
// contains the name (nameOverride or the chart's), else release-name; cut
// to 63 characters without a trailing "-".
func Fullname(release, nameOverride, fullnameOverride string) string {
	if fullnameOverride != "" {
		return trunc63(fullnameOverride)
	}
	name := nameOverride
	if name == "" {
		name = Name
	}
	if strings.Contains(release, name) {
		return trunc63(release)
	}
	return trunc63(release + "-" + name)
}

// trunc63 is the chart's `trunc 63 | trimSuffix "-"`.
func trunc63(s string) string {
	if len(s) > 63 {
		s = s[:63]
	}
	return strings.TrimSuffix(s, "-")
}

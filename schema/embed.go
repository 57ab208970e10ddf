// Package schema holds the CUE schema of collector configs: collector.cue
// (the hand-written top level), components/<class>/<type>.cue (one closed
// definition per component type with an upstream config.schema.yaml),
// shared/*.cue (definitions of the config packages they use) and
// zz_index.go, which says which files each component definition needs.
// overlays/<class>_<type>.cue are hand-kept: they add to one component's
// definition the checks of its Go Validate() (and its factory) that no
// upstream schema states; the index lists each as the component's last
// dependency. Everything but collector.cue, overlays and this file is
// generated. Where a module ships no config.schema.yaml for a package that a
// component's schema refers to, the generator may use a hand-kept schema
// from internal/gen/schema/handkept (written from that package's Go types
// at the pinned version, citing the files read): today only
// internal/healthcheck, so that health_check is checked.
package schema

import "embed"

//go:generate go run ../internal/gen/schema

// FS holds the .cue files.
//
//go:embed collector.cue components shared overlays
var FS embed.FS

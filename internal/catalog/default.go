package catalog

import "sync"

//go:generate go run ../gen/catalog -out zz_generated.go

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
)

// Default returns the catalog generated from the pinned collector release
// (Release). It is built once and shared; callers must not modify it.
func Default() *Catalog {
	defaultOnce.Do(func() { defaultCat = New(Release, generated()) })
	return defaultCat
}

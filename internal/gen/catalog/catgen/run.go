package catgen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// Options configures Run.
type Options struct {
	Release       string // e.g. "v0.158.0"
	ContribModule string // the contrib root module path
	// Pins replace the version the builder manifest gives for a module
	// (module path -> version), for modules whose listed version the proxy
	// refuses but an older one builds with the release.
	Pins     map[string]string
	Table    []TableEntry
	Parallel int        // concurrent downloads; 4 if zero
	Download Downloader // GoModDownload if nil
	// SemconvModule and SemconvVersion name the otel-go module whose
	// semconv packages resolve the semantic-conventions identifiers a
	// component's source uses; empty: such identifiers are not resolved.
	SemconvModule, SemconvVersion string
}

// Read is the outcome of reading one module.
type Read struct {
	Module    Module
	Sum       string // h1: hash of the zip read; empty when refused
	Refusal   string // Reason(...) when the proxy refused the module
	Component *Component
	// Attributes are the attribute keys the module names as its own
	// (moduleAttributes); none for refused modules.
	Attributes []string
	dir        string // extracted module, for moduleAttributes
	metadata   []byte
}

// Result is everything Render needs.
type Result struct {
	Release   string
	Contrib   Download
	Pins      map[string]Pin // module path -> pin applied
	Reads     []Read         // in Render order
	Checklist Checklist
	TableRows int
	Extra     []string // modules read although the manifest does not list them
	Semconv   Download // the otel-go module read for semconv identifiers
}

// Pin records a version override that was applied.
type Pin struct{ Listed, Used string }

const (
	builderConfigPath = "cmd/otelcontribcol/builder-config.yaml"
	checklistPath     = "reports/distributions/contrib.yaml"
)

// Run downloads the contrib root module, reads its manifests and every
// component module they list, fills refused modules from the offline table
// and checks the result against the distribution report.
func Run(ctx context.Context, opt Options) (*Result, error) {
	dl := opt.Download
	if dl == nil {
		dl = GoModDownload
	}
	root, mods, checklist, err := readManifests(ctx, opt, dl)
	if err != nil {
		return nil, err
	}
	res := &Result{Release: opt.Release, Contrib: root, Pins: map[string]Pin{}, Checklist: checklist, TableRows: len(opt.Table)}
	applyPins(res, mods, opt.Pins)
	if mods, err = addTableModules(res, mods, opt); err != nil {
		return nil, err
	}
	sc, err := semconvKeys(ctx, res, opt, dl)
	if err != nil {
		return nil, err
	}
	reads, err := ReadModules(ctx, mods, opt.Parallel, dl)
	if err != nil {
		return nil, err
	}
	for i := range reads {
		if reads[i].dir == "" {
			continue
		}
		if reads[i].Attributes, err = moduleAttributes(reads[i].dir, reads[i].metadata, sc); err != nil {
			return nil, fmt.Errorf("%s: %w", reads[i].Module.ID(), err)
		}
	}
	if err := fillFromTable(reads, opt.Table); err != nil {
		return nil, err
	}
	if err := sortAndCheck(res, reads); err != nil {
		return nil, err
	}
	return res, nil
}

// readManifests downloads the contrib root module and parses the two files
// that decide what the catalog holds: the builder manifest (which component
// modules, at which versions) and the distribution report (the checklist).
func readManifests(ctx context.Context, opt Options, dl Downloader) (Download, []Module, Checklist, error) {
	root, err := dl(ctx, opt.ContribModule, opt.Release)
	if err != nil {
		return Download{}, nil, nil, err
	}
	if root.Error != "" {
		return Download{}, nil, nil, fmt.Errorf("%s@%s: %s", opt.ContribModule, opt.Release, root.Error)
	}
	bc, err := os.ReadFile(filepath.Join(root.Dir, builderConfigPath))
	if err != nil {
		return Download{}, nil, nil, err
	}
	mods, err := ParseBuilderConfig(bc)
	if err != nil {
		return Download{}, nil, nil, err
	}
	cl, err := os.ReadFile(filepath.Join(root.Dir, checklistPath))
	if err != nil {
		return Download{}, nil, nil, err
	}
	checklist, err := ParseChecklist(cl)
	if err != nil {
		return Download{}, nil, nil, err
	}
	return root, mods, checklist, nil
}

// applyPins replaces the manifest's version of each pinned module in place
// and records the override in res, so the generated file can name it.
func applyPins(res *Result, mods []Module, pins map[string]string) {
	for i, m := range mods {
		if v, ok := pins[m.Path]; ok && v != m.Version {
			res.Pins[m.Path] = Pin{Listed: m.Version, Used: v}
			mods[i].Version = v
		}
	}
}

// addTableModules appends the table rows for modules the manifest does not
// list (a type the report names but the manifest omits); they are read like
// listed modules, at the release version.
func addTableModules(res *Result, mods []Module, opt Options) ([]Module, error) {
	listed := map[string]bool{}
	for _, m := range mods {
		listed[m.Path] = true
	}
	for _, e := range opt.Table {
		if !listed[e.Module] {
			class, err := parseClass(e.Class)
			if err != nil {
				return nil, fmt.Errorf("offline table: %s: %w", e.Module, err)
			}
			mods = append(mods, Module{Class: class, Path: e.Module, Version: opt.Release})
			res.Extra = append(res.Extra, e.Module)
		}
	}
	return mods, nil
}

// semconvKeys downloads the otel-go module whose semconv packages resolve
// the identifiers component sources use, and records it in res; nil when
// opt names none.
func semconvKeys(ctx context.Context, res *Result, opt Options, dl Downloader) (*SemconvKeys, error) {
	if opt.SemconvModule == "" {
		return nil, nil
	}
	d, err := dl(ctx, opt.SemconvModule, opt.SemconvVersion)
	if err != nil {
		return nil, err
	}
	if d.Error != "" {
		return nil, fmt.Errorf("%s@%s: %s", opt.SemconvModule, opt.SemconvVersion, d.Error)
	}
	res.Semconv = d
	return &SemconvKeys{Dir: d.Dir}, nil
}

// fillFromTable gives every refused module its component from the offline
// table. A refused module without a row is an error (the catalog would
// silently lack it); a row no longer needed is only reported, so the table
// can be trimmed.
func fillFromTable(reads []Read, rows []TableEntry) error {
	table := map[string]TableEntry{}
	for _, e := range rows {
		table[e.Module] = e
	}
	used := map[string]bool{}
	var missing []string
	for i := range reads {
		r := &reads[i]
		if r.Component != nil {
			continue
		}
		e, ok := table[r.Module.Path]
		if !ok {
			missing = append(missing, r.Module.ID()+" ("+r.Refusal+")")
			continue
		}
		used[e.Module] = true
		c, err := e.component(r.Module)
		if err != nil {
			return err
		}
		if c.Class != r.Module.Class {
			return fmt.Errorf("offline table: %s: class %s, but the manifest lists it under %s", e.Module, c.Class, r.Module.Class.Section())
		}
		r.Component = &c
	}
	if len(missing) > 0 {
		return fmt.Errorf("refused by the module proxy and missing from the offline table: %q", missing)
	}
	for _, e := range rows {
		if !used[e.Module] {
			fmt.Fprintf(os.Stderr, "catgen: offline table row %s is not needed (the module downloaded)\n", e.Module)
		}
	}
	return nil
}

// ReadModules downloads mods (parallel at a time) and parses each module's
// metadata.yaml. Refused modules come back with Refusal set and no
// Component. The result is in the order of mods.
func ReadModules(ctx context.Context, mods []Module, parallel int, dl Downloader) ([]Read, error) {
	if parallel <= 0 {
		parallel = 4
	}
	if dl == nil {
		dl = GoModDownload
	}
	reads := make([]Read, len(mods))
	errs := make([]error, len(mods))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, m := range mods {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			reads[i], errs[i] = readModule(ctx, m, dl)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return reads, nil
}

func readModule(ctx context.Context, m Module, dl Downloader) (Read, error) {
	d, err := dl(ctx, m.Path, m.Version)
	if err != nil {
		return Read{}, err
	}
	r := Read{Module: m}
	if d.Error != "" {
		r.Refusal = Reason(d.Error)
		return r, nil
	}
	r.Sum = d.Sum
	data, err := os.ReadFile(filepath.Join(d.Dir, "metadata.yaml"))
	if err != nil {
		return Read{}, fmt.Errorf("%s: %w", m.ID(), err)
	}
	md, err := ParseMetadata(data)
	if err != nil {
		return Read{}, fmt.Errorf("%s: %w", m.ID(), err)
	}
	if md.Class != m.Class {
		return Read{}, fmt.Errorf("%s: metadata class %s, but the manifest lists it under %s", m.ID(), md.Class, m.Class.Section())
	}
	c := md.Component(m, SourceMetadata, "")
	r.Component = &c
	r.dir, r.metadata = d.Dir, data
	return r, nil
}

func classRank(c Class) int {
	for i, k := range Classes {
		if k == c {
			return i
		}
	}
	return len(Classes)
}

// sortAndCheck orders reads by class then type, rejects duplicate types and
// aliases, and checks every type of the distribution report is present.
func sortAndCheck(res *Result, reads []Read) error {
	sort.SliceStable(reads, func(i, j int) bool {
		a, b := reads[i].Component, reads[j].Component
		if a.Class != b.Class {
			return classRank(a.Class) < classRank(b.Class)
		}
		return a.Type < b.Type
	})
	names := map[string]string{}
	for _, r := range reads {
		c := r.Component
		for _, n := range append([]string{c.Type}, c.DeprecatedTypes...) {
			k := string(c.Class) + "/" + n
			if prev, dup := names[k]; dup {
				return fmt.Errorf("%s %q is given by both %s and %s", c.Class, n, prev, c.Module)
			}
			names[k] = c.Module
		}
	}
	var absent []string
	for _, class := range Classes {
		for _, t := range res.Checklist[class] {
			if _, ok := names[string(class)+"/"+t]; !ok {
				absent = append(absent, string(class)+"/"+t)
			}
		}
	}
	if len(absent) > 0 {
		return fmt.Errorf("%s names types the catalog lacks (add them to the offline table): %v", checklistPath, absent)
	}
	res.Reads = reads
	return nil
}

package render

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
)

// Distribution is a collector image published by the OpenTelemetry project.
type Distribution struct {
	Name       string // catalog distribution name
	Repository string
}

// Distributions in order of preference (smallest first).
var Distributions = []Distribution{
	{"core", "otel/opentelemetry-collector"},
	{"k8s", "otel/opentelemetry-collector-k8s"},
	{"contrib", "otel/opentelemetry-collector-contrib"},
}

// ImageTag is the collector release the catalog (and chart appVersion) is for.
var ImageTag = strings.TrimPrefix(catalog.Release, "v")

// component is a component the config defines, with its catalog entry.
type component struct {
	id, typ string
	class   catalog.Class
	cat     *catalog.Component
	pos     config.Pos // its key in the input
}

func components(cfg *config.Node) []component {
	var out []component
	for _, cl := range catalog.Classes {
		for _, e := range entries(cfg.Get(cl.Section())) {
			typ, _, _ := config.SplitID(e.Key)
			c, _ := catalog.Default().Lookup(cl, typ)
			out = append(out, component{id: e.Key, typ: typ, class: cl, cat: c, pos: e.KeyPos})
		}
	}
	return out
}

// uncatalogued says, for each component the catalog does not have, that no
// image is checked for it: a removed one (logging) with its replacement.
func uncatalogued(comps []component) []Note {
	var notes []Note
	var unknown []string
	for _, c := range comps {
		if c.cat != nil {
			continue
		}
		if r, ok := catalog.Default().Removed(c.class, c.typ); ok {
			since := ""
			if r.DeprecatedIn != "" {
				since = " (deprecated since " + r.DeprecatedIn + ")"
			}
			notes = append(notes, notefAt(c.pos, "warning", "%s.%s: the %s %s was removed in %s%s; use %s instead: no collector image has it", c.class.Section(), c.id, c.typ, c.class, r.RemovedIn, since, r.Replacement))
			continue
		}
		unknown = append(unknown, c.class.Section()+"."+c.id)
	}
	if len(unknown) > 0 {
		notes = append(notes, notef("warning", "not in the component catalog, so not checked against the image: %s", strings.Join(unknown, ", ")))
	}
	return notes
}

// ChooseImage picks the smallest distribution that contains every component
// of cfg, and says why.
func ChooseImage(cfg *config.Node) (Distribution, []Note) {
	var notes []Note
	comps := components(cfg)
	for _, d := range Distributions {
		ok := true
		for _, c := range comps {
			if c.cat == nil {
				continue
			}
			if !contains(c.cat.Distributions, d.Name) {
				ok = false
				break
			}
		}
		if ok {
			notes = append(notes, uncatalogued(comps)...)
			notes = append(notes, notef("note", "image %s: the smallest distribution that contains every component of the config", d.Repository))
			return d, notes
		}
	}
	var none []string
	for _, c := range comps {
		if c.cat != nil && !contains(c.cat.Distributions, "contrib") {
			none = append(none, c.class.Section()+"."+c.id)
		}
	}
	d := Distributions[len(Distributions)-1]
	notes = append(notes, notef("warning", "no published distribution contains %s: build a custom collector (ocb) and pass --image", strings.Join(none, ", ")))
	return d, notes
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Mode kinds that need a particular workload.
var (
	perNodeTypes = []string{"hostmetrics", "host_metrics", "filelog", "file_log", "kubeletstats", "journald"}
	clusterTypes = []string{"k8s_events", "k8sevents", "k8s_cluster", "k8scluster", "k8sobjects", "k8s_objects"}
	validModes   = []string{"deployment", "daemonset", "statefulset"}
)

// ChooseMode picks the workload for cfg from its receivers: per-node
// receivers need a daemonset, cluster-wide ones a single-replica
// deployment, anything else a deployment. It returns the mode, whether one
// replica is required, and the reason.
func ChooseMode(cfg *config.Node) (mode string, single bool, reason string) {
	var node, cluster []string
	for _, e := range entries(cfg.Get("receivers")) {
		typ, _, _ := config.SplitID(e.Key)
		switch {
		case contains(perNodeTypes, typ):
			node = append(node, e.Key)
		case contains(clusterTypes, typ):
			cluster = append(cluster, e.Key)
		}
	}
	switch {
	case len(node) > 0 && len(cluster) > 0:
		return "daemonset", false, fmt.Sprintf("mode daemonset: receivers %s read node-local data; %s are cluster-wide and would run once per node (split them into a second, single-replica deployment)", strings.Join(node, ", "), strings.Join(cluster, ", "))
	case len(node) > 0:
		return "daemonset", false, fmt.Sprintf("mode daemonset: receivers %s read node-local data, so one collector runs on every node", strings.Join(node, ", "))
	case len(cluster) > 0:
		return "deployment", true, fmt.Sprintf("mode deployment with 1 replica: receivers %s watch the whole cluster, so more replicas would duplicate the data", strings.Join(cluster, ", "))
	}
	return "deployment", false, "mode deployment: no receiver reads node-local or cluster-wide data"
}

var quantityRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$`)

// ParseMemory parses a Kubernetes memory quantity ("2Gi", "512Mi", "1G").
func ParseMemory(s string) (int64, error) {
	m := quantityRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("invalid memory quantity %q (want e.g. 512Mi or 2Gi)", s)
	}
	f, _ := strconv.ParseFloat(m[1], 64)
	mult := map[string]float64{"": 1, "Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30, "Ti": 1 << 40, "k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12}[m[2]]
	return int64(f * mult), nil
}

// Memory reconciles --memory with the config's memory_limiter processors.
// It returns the container memory limit to set ("" for none).
func Memory(cfg *config.Node, memory string) (string, []Note, error) {
	var notes []Note
	var limitBytes int64
	if memory != "" {
		b, err := ParseMemory(memory)
		if err != nil {
			return "", nil, err
		}
		limitBytes = b
	}
	maxMiB, percentage := 0, false
	var limiters []string
	for _, e := range entries(cfg.Get("processors")) {
		typ, _, _ := config.SplitID(e.Key)
		if typ != "memory_limiter" {
			continue
		}
		limiters = append(limiters, e.Key)
		if v := scalarString(get(e.Value, "limit_mib")); v != "" {
			mib, err := strconv.Atoi(v)
			if err != nil {
				notes = append(notes, notefAt(e.KeyPos, "warning", "processors.%s.limit_mib %q is not a number: not checked against the memory limit", e.Key, v))
				continue
			}
			if mib > maxMiB {
				maxMiB = mib
			}
		} else if get(e.Value, "limit_percentage") != nil {
			percentage = true
		}
	}
	sort.Strings(limiters)
	switch {
	case memory != "" && maxMiB > 0 && int64(maxMiB)<<20 > limitBytes:
		return "", notes, fmt.Errorf("memory_limiter limit_mib %d is above --memory %s: the container would be OOM-killed before the limiter acts; lower limit_mib or raise --memory", maxMiB, memory)
	case memory != "" && maxMiB > 0 && float64(int64(maxMiB)<<20) > 0.9*float64(limitBytes):
		notes = append(notes, notef("warning", "memory_limiter limit_mib %d is above 90%% of --memory %s: leave head room for the Go runtime", maxMiB, memory))
	case memory == "" && maxMiB > 0:
		mi := int(math.Ceil(float64(maxMiB) / 0.8))
		memory = fmt.Sprintf("%dMi", mi)
		notes = append(notes, notef("note", "memory limit %s derived from memory_limiter limit_mib %d (the limiter at 80%% of the container limit; GOMEMLIMIT is set to 80%% too); pass --memory to choose", memory, maxMiB))
	case memory == "" && percentage:
		notes = append(notes, notef("warning", "processors %s use limit_percentage but no --memory was given: without a container memory limit the percentage is of the node's memory; pass --memory", strings.Join(limiters, ", ")))
	case memory == "" && len(limiters) == 0:
		notes = append(notes, notef("note", "no memory limit: pass --memory to set one (GOMEMLIMIT follows it)"))
	}
	return memory, notes, nil
}

// GoMemLimit is 80 % of a memory limit, as the chart's useGOMEMLIMIT sets it.
func GoMemLimit(memory string) string {
	b, err := ParseMemory(memory)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%dMiB", int64(float64(b)*0.8)>>20)
}

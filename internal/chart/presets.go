package chart

import (
	"fmt"
	"strings"

	"github.com/otelcfg/otelcfg/internal/config"
)

// presets applies the enabled presets in the order _config.tpl does.
func (r *renderer) presets(cfg *config.Node) *config.Node {
	type step struct {
		name    string
		enabled bool
		apply   func(cfg *config.Node, origin string, pos config.Pos) *config.Node
	}
	p := func(path ...string) bool { return r.on(append([]string{"presets"}, path...)...) }
	rd := p("resourceDetection", "enabled") && (p("resourceDetection", "env", "enabled") ||
		p("resourceDetection", "k8s_api", "enabled") || p("resourceDetection", "k8snode", "enabled") ||
		p("resourceDetection", "eks", "enabled") || p("resourceDetection", "aks", "enabled") || p("resourceDetection", "gcp", "enabled"))
	steps := []step{
		{"logsCollection", p("logsCollection", "enabled"), r.logsCollection},
		{"annotationDiscovery", p("annotationDiscovery", "logs", "enabled") || p("annotationDiscovery", "metrics", "enabled"), r.annotationDiscovery},
		{"hostMetrics", p("hostMetrics", "enabled"), r.hostMetrics},
		{"profiling", p("profiling", "enabled"), r.profiling},
		{"kubeletMetrics", p("kubeletMetrics", "enabled"), r.kubeletMetrics},
		{"kubernetesAttributes", p("kubernetesAttributes", "enabled"), r.kubernetesAttributes},
		{"kubernetesEvents", p("kubernetesEvents", "enabled"), r.kubernetesEvents},
		{"kubernetesObjects", p("kubernetesObjects", "enabled"), r.kubernetesObjects},
		{"clusterMetrics", p("clusterMetrics", "enabled"), r.clusterMetrics},
		{"resourceDetection", rd, r.resourceDetection},
	}
	for _, s := range steps {
		if !s.enabled {
			continue
		}
		pos := r.userPos("presets", s.name, "enabled")
		if s.name == "annotationDiscovery" {
			pos = r.userPos("presets", s.name)
		}
		if s.name == "kubernetesEvents" && r.mode == "daemonset" {
			continue // ignored by the chart; the helm-preset-mode rule reports it
		}
		cfg = s.apply(cfg, originPresetPrefix+s.name, pos)
		r.note(pos, "preset %s applied", s.name)
	}
	return cfg
}

// frag parses a preset fragment and marks it as coming from origin at pos.
func frag(origin string, pos config.Pos, format string, args ...any) *config.Node {
	n := mustParse(fmt.Sprintf(format, args...))
	n.SetOrigin(origin, pos)
	return n
}

// withBase is `mustMergeOverwrite (dict "service" (dict "pipelines" (dict SIGNAL
// (dict LIST list ...)))) PRESET .config`: the user's config wins over the
// preset, which wins over the empty pipeline skeleton.
func withBase(cfg, preset *config.Node, origin string, pos config.Pos, signal string, lists ...string) *config.Node {
	var b strings.Builder
	fmt.Fprintf(&b, "service:\n  pipelines:\n    %s:\n", signal)
	for _, l := range lists {
		fmt.Fprintf(&b, "      %s: []\n", l)
	}
	base := frag(origin, pos, "%s", b.String())
	return overwrite(overwrite(base, preset), cfg)
}

// addRef appends (or prepends) name to service.pipelines.SIGNAL.KIND, then
// drops duplicates, as `append ... | uniq` does.
func (r *renderer) addRef(cfg *config.Node, signal, kind, name, origin string, pos config.Pos, prepend bool) {
	pl := get(cfg, "service", "pipelines", signal)
	if pl == nil || pl.Kind != config.MapNode {
		r.note(pos, "chart fails: %s needs a service.pipelines.%s map to add %s to", origin, signal, name)
		return
	}
	list := pl.Get(kind)
	if list.IsNull() {
		list = &config.Node{Kind: config.SeqNode, Pos: pos, Origin: origin}
		pl.Set(kind, pos, list)
	}
	if list.Kind != config.SeqNode {
		r.note(list.Pos, "chart fails: service.pipelines.%s.%s is not a list", signal, kind)
		return
	}
	item := config.NewString(name, pos)
	item.Origin = origin
	if prepend {
		list.Items = append([]*config.Node{item}, list.Items...)
	} else {
		list.Items = append(list.Items, item)
	}
	uniq(list)
}

// addServiceExtension appends name to service.extensions.
func (r *renderer) addServiceExtension(cfg *config.Node, name, origin string, pos config.Pos) {
	service := getOrMap(cfg, "service", origin, pos)
	if service == nil {
		r.note(pos, "chart fails: config.service is not a map")
		return
	}
	list := service.Get("extensions")
	if list.IsNull() {
		list = &config.Node{Kind: config.SeqNode, Pos: pos, Origin: origin}
		service.Set("extensions", pos, list)
	}
	if list.Kind != config.SeqNode {
		r.note(list.Pos, "chart fails: service.extensions is not a list")
		return
	}
	item := config.NewString(name, pos)
	item.Origin = origin
	list.Items = append(list.Items, item)
	uniq(list)
}

func (r *renderer) namespace() string {
	if ns := str(r.vals.Get("namespaceOverride")); ns != "" {
		return ns
	}
	return "<release-namespace>"
}

// fullname is the chart's fullname for an unknown release.
func (r *renderer) fullname() string {
	return Fullname("<release>", str(r.vals.Get("nameOverride")), str(r.vals.Get("fullnameOverride")))
}

func (r *renderer) logsCollection(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	checkpoints := r.on("presets", "logsCollection", "storeCheckpoints")
	var b strings.Builder
	if checkpoints {
		b.WriteString("extensions:\n  file_storage:\n    directory: /var/lib/otelcol\n")
	}
	b.WriteString("receivers:\n  filelog:\n    include: [/var/log/pods/*/*/*.log]\n")
	if r.on("presets", "logsCollection", "includeCollectorLogs") {
		b.WriteString("    exclude: []\n")
	} else {
		fmt.Fprintf(&b, "    exclude: [%q]\n", "/var/log/pods/"+r.namespace()+"_"+r.fullname()+"*_*/opentelemetry-collector/*.log")
		if !r.on("namespaceOverride") || !r.on("fullnameOverride") {
			r.note(pos, "logsCollection: the filelog exclude path uses the release name/namespace, which are not known offline")
		}
	}
	b.WriteString("    start_at: end\n    retry_on_failure:\n      enabled: true\n")
	if checkpoints {
		b.WriteString("    storage: file_storage\n")
	}
	b.WriteString("    include_file_path: true\n    include_file_name: false\n    operators:\n      - type: container\n        id: container-parser\n")
	max := get(r.vals, "presets", "logsCollection", "maxRecombineLogSize")
	fmt.Fprintf(&b, "        max_log_size: %s\n", yamlScalar(max))
	cfg = withBase(cfg, frag(origin, pos, "%s", b.String()), origin, pos, "logs", "receivers")
	r.addRef(cfg, "logs", "receivers", "filelog", origin, pos, false)
	if checkpoints {
		r.addServiceExtension(cfg, "file_storage", origin, pos)
	}
	return cfg
}

// yamlScalar renders a scalar value back into YAML text for a fragment.
func yamlScalar(n *config.Node) string {
	if n == nil || n.Kind != config.ScalarNode {
		return "null"
	}
	if n.Tag == "!!str" {
		return fmt.Sprintf("%q", n.Value)
	}
	return n.Value
}

func (r *renderer) annotationDiscovery(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	logs := r.on("presets", "annotationDiscovery", "logs", "enabled")
	metrics := r.on("presets", "annotationDiscovery", "metrics", "enabled")
	var b strings.Builder
	b.WriteString("extensions:\n  k8s_observer:\n    auth_type: serviceAccount\n")
	if r.mode == "daemonset" {
		b.WriteString("    node: ${env:K8S_NODE_NAME}\n")
	}
	b.WriteString("receivers:\n")
	if logs {
		b.WriteString("  receiver_creator/logs:\n    watch_observers: [k8s_observer]\n    discovery:\n      enabled: true\n      default_annotations:\n        io.opentelemetry.discovery.logs/enabled: \"true\"\n")
	}
	if metrics {
		b.WriteString("  receiver_creator/metrics:\n    watch_observers: [k8s_observer]\n    discovery:\n      enabled: true\n")
	}
	cfg = overwrite(frag(origin, pos, "%s", b.String()), cfg)
	r.addServiceExtension(cfg, "k8s_observer", origin, pos)
	if logs {
		r.addRef(cfg, "logs", "receivers", "receiver_creator/logs", origin, pos, false)
	}
	if metrics {
		r.addRef(cfg, "metrics", "receivers", "receiver_creator/metrics", origin, pos, false)
	}
	return cfg
}

const hostMetricsYAML = `
receivers:
  hostmetrics:
    root_path: /hostfs
    collection_interval: 10s
    scrapers:
      cpu:
      load:
      memory:
      disk:
      filesystem:
        exclude_mount_points:
          mount_points: ['^/dev($|/)', '^/proc($|/)', '^/sys($|/)', '^/run/k3s/containerd($|/)', '^/var/lib/docker($|/)', '^/var/lib/kubelet($|/)', '^/snap($|/)']
          match_type: regexp
        exclude_fs_types:
          fs_types: [autofs, binfmt_misc, bpf, cgroup2, configfs, debugfs, devpts, devtmpfs, fusectl, hugetlbfs, iso9660, mqueue, nsfs, overlay, proc, procfs, pstore, rpc_pipefs, securityfs, selinuxfs, squashfs, sysfs, tracefs]
          match_type: strict
      network:
`

func (r *renderer) hostMetrics(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	cfg = withBase(cfg, frag(origin, pos, "%s", hostMetricsYAML), origin, pos, "metrics", "receivers")
	r.addRef(cfg, "metrics", "receivers", "hostmetrics", origin, pos, false)
	return cfg
}

func (r *renderer) profiling(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	cfg = withBase(cfg, frag(origin, pos, "receivers:\n  profiling: {}\nexporters:\n  debug: {}\n"), origin, pos, "profiles", "receivers", "exporters")
	r.addRef(cfg, "profiles", "receivers", "profiling", origin, pos, false)
	if pl := get(cfg, "service", "pipelines", "profiles"); pl != nil && pl.Kind == config.MapNode && !truthy(pl.Get("exporters")) {
		pl.Set("exporters", pos, frag(origin, pos, "[debug]"))
	}
	return cfg
}

func (r *renderer) kubeletMetrics(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	f := frag(origin, pos, "receivers:\n  kubeletstats:\n    collection_interval: 20s\n    auth_type: serviceAccount\n    endpoint: ${env:K8S_NODE_IP}:10250\n")
	cfg = withBase(cfg, f, origin, pos, "metrics", "receivers")
	r.addRef(cfg, "metrics", "receivers", "kubeletstats", origin, pos, false)
	return cfg
}

func (r *renderer) kubernetesAttributes(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	name := "k8sattributes"
	if r.on("rewriteDeprecatedComponentNames") {
		name = "k8s_attributes"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "processors:\n  %s:\n", name)
	if r.mode == "daemonset" {
		b.WriteString("    filter:\n      node_from_env_var: K8S_NODE_NAME\n")
	}
	b.WriteString(`    passthrough: false
    pod_association:
      - sources: [{from: resource_attribute, name: k8s.pod.ip}]
      - sources: [{from: resource_attribute, name: k8s.pod.uid}]
      - sources: [{from: connection}]
    extract:
      otel_annotations: true
      metadata: [k8s.namespace.name, k8s.pod.name, k8s.pod.uid, k8s.node.name, k8s.pod.start_time, k8s.deployment.name, k8s.replicaset.name, k8s.replicaset.uid, k8s.daemonset.name, k8s.daemonset.uid, k8s.job.name, k8s.job.uid, k8s.container.name, k8s.cronjob.name, k8s.statefulset.name, k8s.statefulset.uid, container.image.tag, container.image.name, k8s.cluster.uid, service.namespace, service.name, service.version, service.instance.id]
`)
	if r.on("presets", "kubernetesAttributes", "extractAllPodLabels") {
		b.WriteString("      labels:\n        - {tag_name: $$1, key_regex: (.*), from: pod}\n")
	}
	if r.on("presets", "kubernetesAttributes", "extractAllPodAnnotations") {
		b.WriteString("      annotations:\n        - {tag_name: $$1, key_regex: (.*), from: pod}\n")
	}
	cfg = overwrite(frag(origin, pos, "%s", b.String()), cfg)
	for _, sig := range []string{"logs", "metrics", "traces", "profiles"} {
		pl := get(cfg, "service", "pipelines", sig)
		if !truthy(pl) || pl.Kind != config.MapNode {
			continue
		}
		procs := pl.Get("processors")
		if scalarIndex(procs, "k8sattributes") < 0 && scalarIndex(procs, "k8s_attributes") < 0 {
			r.addRef(cfg, sig, "processors", name, origin, pos, true)
		}
		if sig != "profiles" {
			continue
		}
		block := get(cfg, "processors", name)
		if block == nil || block.Kind != config.MapNode {
			continue
		}
		assoc := block.Get("pod_association")
		has := false
		if assoc != nil {
			for _, a := range assoc.Items {
				for _, s := range items(a.Get("sources")) {
					if str(s.Get("from")) == "resource_attribute" && str(s.Get("name")) == "container.id" {
						has = true
					}
				}
			}
		}
		if !has {
			src := frag(origin, pos, "{sources: [{from: resource_attribute, name: container.id}]}")
			if assoc == nil || assoc.Kind != config.SeqNode {
				assoc = &config.Node{Kind: config.SeqNode, Pos: pos, Origin: origin}
				block.Set("pod_association", pos, assoc)
			}
			assoc.Items = append([]*config.Node{src}, assoc.Items...)
		}
	}
	return cfg
}

func (r *renderer) kubernetesEvents(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	name, f := "k8sobjects", "receivers:\n  k8sobjects:\n    objects:\n      - name: events\n        mode: watch\n        group: events.k8s.io\n        exclude_watch_type: [DELETED]\n"
	if r.on("presets", "kubernetesEvents", "useK8sEventsReceiver") {
		name, f = "k8s_events", "receivers:\n  k8s_events: {}\n"
	}
	cfg = withBase(cfg, frag(origin, pos, "%s", f), origin, pos, "logs", "receivers")
	r.addRef(cfg, "logs", "receivers", name, origin, pos, false)
	return cfg
}

func leaderElector(name, lease, namespace string) string {
	return fmt.Sprintf("extensions:\n  k8s_leader_elector/%s:\n    auth_type: serviceAccount\n    lease_name: %s\n    lease_namespace: %q\n", name, lease, namespace)
}

func (r *renderer) kubernetesObjects(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	p := func(path ...string) bool {
		return r.on(append([]string{"presets", "kubernetesObjects"}, path...)...)
	}
	useLE := r.mode == "daemonset" && !p("disableLeaderElection")
	var b strings.Builder
	if useLE {
		b.WriteString(leaderElector("k8s_objects", "k8s.objects.receiver.opentelemetry.io", r.namespace()))
	}
	b.WriteString("receivers:\n  k8sobjects:\n")
	if useLE {
		b.WriteString("    k8s_leader_elector: k8s_leader_elector/k8s_objects\n")
	}
	b.WriteString("    objects:\n")
	add := func(group string, names ...string) {
		for _, n := range names {
			for _, mode := range []string{"pull", "watch"} {
				if mode == "watch" && !p("watch") {
					continue
				}
				fmt.Fprintf(&b, "      - {name: %s, mode: %s", n, mode)
				if group != "" {
					fmt.Fprintf(&b, ", group: %s", group)
				}
				b.WriteString("}\n")
			}
		}
	}
	if p("core", "enabled") {
		add("", "namespaces", "pods", "nodes", "services", "serviceaccounts")
		add("apps", "deployments", "replicasets", "daemonsets", "statefulsets")
		add("batch", "jobs", "cronjobs")
	}
	if p("rbac", "enabled") {
		add("rbac.authorization.k8s.io", "roles", "rolebindings", "clusterroles", "clusterrolebindings")
	}
	if p("storage", "enabled") {
		add("storage.k8s.io", "storageclasses")
		add("", "persistentvolumes", "persistentvolumeclaims")
	}
	if p("networking", "enabled") {
		add("networking.k8s.io", "ingresses", "networkpolicies")
	}
	if p("autoscaling", "enabled") {
		add("autoscaling", "horizontalpodautoscalers")
		if p("autoscaling", "vpa", "enabled") {
			add("autoscaling.k8s.io", "verticalpodautoscalers")
		}
	}
	if p("policy", "enabled") {
		add("policy", "poddisruptionbudgets")
	}
	if p("apiExtensions", "enabled") {
		add("apiextensions.k8s.io", "customresourcedefinitions")
	}
	if p("events", "enabled") {
		b.WriteString("      - {name: events, mode: watch, group: events.k8s.io, exclude_watch_type: [DELETED]}\n")
	}
	f := frag(origin, pos, "%s", b.String())
	newObjects := get(f, "receivers", "k8sobjects", "objects")
	var existing []*config.Node
	if objs := get(cfg, "receivers", "k8sobjects", "objects"); objs != nil && objs.Kind == config.SeqNode {
		existing = objs.Items
	}
	cfg = withBase(cfg, f, origin, pos, "logs", "receivers")
	if recv := get(cfg, "receivers", "k8sobjects"); recv != nil && recv.Kind == config.MapNode {
		all := &config.Node{Kind: config.SeqNode, Pos: newObjects.Pos, Origin: origin}
		all.Items = append(append(all.Items, newObjects.Items...), existing...)
		recv.Set("objects", pos, all)
	} else {
		r.note(pos, "chart fails: receivers.k8sobjects is not a map")
	}
	if useLE {
		r.addServiceExtension(cfg, "k8s_leader_elector/k8s_objects", origin, pos)
	}
	r.addRef(cfg, "logs", "receivers", "k8sobjects", origin, pos, false)
	if useLE && !r.on("namespaceOverride") {
		r.note(pos, "kubernetesObjects: the leader election lease namespace is the release namespace, not known offline")
	}
	return cfg
}

func (r *renderer) clusterMetrics(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	useLE := (r.mode == "daemonset" || replicas(r.vals) > 1) && !r.on("presets", "clusterMetrics", "disableLeaderElection")
	var b strings.Builder
	if useLE {
		b.WriteString(leaderElector("k8s_cluster", "k8s.cluster.receiver.opentelemetry.io", r.namespace()))
	}
	b.WriteString("receivers:\n  k8s_cluster:\n")
	if useLE {
		b.WriteString("    k8s_leader_elector: k8s_leader_elector/k8s_cluster\n")
	}
	b.WriteString("    collection_interval: 10s\n")
	cfg = withBase(cfg, frag(origin, pos, "%s", b.String()), origin, pos, "metrics", "receivers")
	if useLE {
		r.addServiceExtension(cfg, "k8s_leader_elector/k8s_cluster", origin, pos)
		if !r.on("namespaceOverride") {
			r.note(pos, "clusterMetrics: the leader election lease namespace is the release namespace, not known offline")
		}
	}
	r.addRef(cfg, "metrics", "receivers", "k8s_cluster", origin, pos, false)
	return cfg
}

func (r *renderer) resourceDetection(cfg *config.Node, origin string, pos config.Pos) *config.Node {
	p := func(path ...string) bool {
		return r.on(append([]string{"presets", "resourceDetection"}, path...)...)
	}
	const name = "resourcedetection/env"
	procs := getOrMap(cfg, "processors", origin, pos)
	if procs == nil {
		r.note(pos, "chart fails: config.processors is not a map")
		return cfg
	}
	proc := procs.Get(name)
	if proc.IsNull() {
		proc = config.NewMap(pos)
		proc.Origin = origin
	}
	detectors := proc.Get("detectors")
	if detectors.IsNull() || detectors.Kind != config.SeqNode {
		detectors = &config.Node{Kind: config.SeqNode, Pos: pos, Origin: origin}
	}
	addDet := func(d string) {
		it := config.NewString(d, pos)
		it.Origin = origin
		detectors.Items = append(detectors.Items, it)
		uniq(detectors)
	}
	if p("env", "enabled") {
		addDet("env")
	}
	if p("k8snode", "enabled") {
		addDet("k8snode")
	} else if p("k8s_api", "enabled") {
		addDet("k8s_api")
	}
	for _, cloud := range []string{"aks", "eks", "gcp"} {
		if !p(cloud, "enabled") {
			continue
		}
		extra := ""
		if cloud == "eks" {
			extra = "timeout: 15s\n"
		}
		proc = overwrite(proc, frag(origin, pos, "%s%s:\n  resource_attributes:\n    k8s.cluster.name:\n      enabled: true\n", extra, cloud))
		addDet(cloud)
	}
	if proc.Kind == config.MapNode {
		proc.Set("detectors", pos, detectors)
	}
	procs.Set(name, pos, proc)
	for _, sig := range []string{"logs", "metrics", "traces"} {
		pl := get(cfg, "service", "pipelines", sig)
		if !truthy(pl) || pl.Kind != config.MapNode {
			continue
		}
		if scalarIndex(pl.Get("processors"), name) < 0 {
			r.addRef(cfg, sig, "processors", name, origin, pos, true)
		}
	}
	return cfg
}

// deprecatedRenames is the chart's deprecatedComponentRenames table.
var deprecatedRenames = []struct{ kind, old, new string }{
	{"receivers", "filelog", "file_log"},
	{"processors", "k8sattributes", "k8s_attributes"},
}

// rewriteDeprecated renames deprecated components and their pipeline
// references, and resourcedetection's k8snode detector, as the chart does
// when rewriteDeprecatedComponentNames is on (the default).
func (r *renderer) rewriteDeprecated(cfg *config.Node) {
	rename := func(key, old, new string) string {
		return strings.ReplaceAll(strings.ReplaceAll(key, old+"/", new+"/"), old, new)
	}
	for _, rn := range deprecatedRenames {
		section := cfg.Get(rn.kind)
		if section != nil && section.Kind == config.MapNode {
			keys := make([]*config.Entry, len(section.Entries))
			copy(keys, section.Entries)
			for _, e := range keys {
				if e.Key != rn.old && !strings.HasPrefix(e.Key, rn.old+"/") {
					continue
				}
				newKey := rename(e.Key, rn.old, rn.new)
				if e.Value.IsNull() {
					r.note(e.KeyPos, "chart likely fails: %s %q is null and cannot be merged into %q (rewriteDeprecatedComponentNames); write `%s: {}`", rn.kind, e.Key, newKey, e.Key)
				}
				if e.Value.Origin == "" || !strings.HasPrefix(e.Value.Origin, originPresetPrefix) {
					r.note(e.KeyPos, "the chart renames %s %q to %q (rewriteDeprecatedComponentNames)", rn.kind, e.Key, newKey)
				}
				if ne := section.Entry(newKey); ne != nil && ne != e {
					ex := ne.Value
					if ex.IsNull() {
						ex = config.NewMap(e.KeyPos)
					}
					ne.Value = overwrite(ex, e.Value)
					ne.KeyPos = e.KeyPos
					section.Delete(e.Key)
				} else {
					e.Key = newKey
				}
			}
		}
		for _, pe := range entries(get(cfg, "service", "pipelines")) {
			refs := pe.Value.Get(rn.kind)
			if !truthy(refs) || refs.Kind != config.SeqNode {
				continue
			}
			changed := false
			for _, it := range refs.Items {
				if it == nil || it.Kind != config.ScalarNode {
					continue
				}
				if it.Value == rn.old || strings.HasPrefix(it.Value, rn.old+"/") {
					it.Value = strings.Replace(it.Value, rn.old, rn.new, 1)
					changed = true
				}
			}
			if changed {
				uniq(refs)
			}
		}
	}
	for _, pe := range entries(cfg.Get("processors")) {
		if pe.Key != "resourcedetection" && !strings.HasPrefix(pe.Key, "resourcedetection/") {
			continue
		}
		dets := pe.Value.Get("detectors")
		if !truthy(dets) || dets.Kind != config.SeqNode {
			continue
		}
		if i := scalarIndex(dets, "k8snode"); i >= 0 {
			it := dets.Items[i]
			it.Value = "k8s_api"
			uniq(dets)
			if !strings.HasPrefix(it.Origin, originPresetPrefix) {
				r.note(it.Pos, "the chart renames resourcedetection detector k8snode to k8s_api (rewriteDeprecatedComponentNames)")
			}
		}
	}
}

// Package helmsdk renders a chart offline with the Helm SDK (the way `helm
// install --dry-run` does, without a cluster) and extracts the collector
// config from the ConfigMap it renders. It is linked into otelcfg-render
// and tests only: the Helm SDK costs start-up time otelcfg lint must not pay.
package helmsdk

import (
	"fmt"
	"sort"
	"strings"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"sigs.k8s.io/yaml"
)

// KubeVersion is the fixed Kubernetes version charts are rendered for.
var KubeVersion = chartutil.KubeVersion{Version: "v1.33.0", Major: "1", Minor: "33"}

// Rendered is what the chart produced.
type Rendered struct {
	Manifest string
	// Config is the collector config text of the chart's ConfigMap (key
	// "relay"; the only data key otherwise).
	Config string
}

// Render installs chartPath (a directory or .tgz) with values in a dry run.
func Render(chartPath string, values []byte, release, namespace string) (*Rendered, error) {
	ch, err := loader.Load(chartPath)
	if err != nil {
		return nil, fmt.Errorf("loading chart %s: %w", chartPath, err)
	}
	vals, err := chartutil.ReadValues(values)
	if err != nil {
		return nil, fmt.Errorf("reading values: %w", err)
	}
	cfg := &action.Configuration{Log: func(string, ...any) {}}
	inst := action.NewInstall(cfg)
	inst.DryRun = true
	inst.ClientOnly = true
	inst.Replace = true
	inst.IncludeCRDs = false
	inst.ReleaseName = release
	inst.Namespace = namespace
	kv := KubeVersion
	inst.KubeVersion = &kv
	inst.DisableHooks = true
	rel, err := inst.Run(ch, vals.AsMap())
	if err != nil {
		return nil, fmt.Errorf("rendering chart %s: %w", chartPath, err)
	}
	out := &Rendered{Manifest: rel.Manifest}
	cm, err := configFromManifest(rel.Manifest)
	if err != nil {
		return nil, err
	}
	out.Config = cm
	return out, nil
}

// configFromManifest finds the collector ConfigMap and returns its config.
func configFromManifest(manifest string) (string, error) {
	var found []string
	for _, doc := range strings.Split(manifest, "\n---") {
		var obj struct {
			Kind     string                `json:"kind"`
			Metadata struct{ Name string } `json:"metadata"`
			Data     map[string]string     `json:"data"`
		}
		if err := yaml.Unmarshal([]byte(doc), &obj); err != nil || obj.Kind != "ConfigMap" {
			continue
		}
		if c, ok := obj.Data["relay"]; ok {
			return c, nil
		}
		keys := make([]string, 0, len(obj.Data))
		for k := range obj.Data {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		found = append(found, obj.Metadata.Name+" "+strings.Join(keys, ","))
	}
	return "", fmt.Errorf("the chart rendered no ConfigMap with a `relay` key (found: %s)", strings.Join(found, "; "))
}

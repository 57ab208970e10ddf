{{/* As in the real chart: config (or alternateConfig) goes through tpl, then
     the presets are merged in with mustMergeOverwrite, the user's config
     winning over the preset's. */}}
{{- define "otelcol.baseConfig" -}}
{{- if .Values.alternateConfig }}
{{- tpl (toYaml .Values.alternateConfig) . }}
{{- else }}
{{- tpl (toYaml .Values.config) . }}
{{- end }}
{{- end }}

{{- define "otelcol.config" -}}
{{- $values := deepCopy .Values }}
{{- $data := dict "Values" $values | mustMergeOverwrite (deepCopy .) }}
{{- $config := include "otelcol.baseConfig" $data | fromYaml }}
{{- if .Values.presets.hostMetrics.enabled }}
{{- $config = (include "otelcol.applyHostMetricsConfig" (dict "Values" $data "config" $config) | fromYaml) }}
{{- end }}
{{- if .Values.presets.kubeletMetrics.enabled }}
{{- $config = (include "otelcol.applyKubeletMetricsConfig" (dict "Values" $data "config" $config) | fromYaml) }}
{{- end }}
{{- toYaml $config }}
{{- end }}

{{- define "otelcol.applyHostMetricsConfig" -}}
{{- $config := mustMergeOverwrite (dict "service" (dict "pipelines" (dict "metrics" (dict "receivers" list)))) (include "otelcol.hostMetricsConfig" .Values | fromYaml) .config }}
{{- $_ := set $config.service.pipelines.metrics "receivers" (append $config.service.pipelines.metrics.receivers "hostmetrics" | uniq) }}
{{- $config | toYaml }}
{{- end }}

{{- define "otelcol.hostMetricsConfig" -}}
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
{{- end }}

{{- define "otelcol.applyKubeletMetricsConfig" -}}
{{- $config := mustMergeOverwrite (dict "service" (dict "pipelines" (dict "metrics" (dict "receivers" list)))) (include "otelcol.kubeletMetricsConfig" .Values | fromYaml) .config }}
{{- $_ := set $config.service.pipelines.metrics "receivers" (append $config.service.pipelines.metrics.receivers "kubeletstats" | uniq) }}
{{- $config | toYaml }}
{{- end }}

{{- define "otelcol.kubeletMetricsConfig" -}}
receivers:
  kubeletstats:
    collection_interval: 20s
    auth_type: serviceAccount
    endpoint: ${env:K8S_NODE_IP}:10250
{{- end }}

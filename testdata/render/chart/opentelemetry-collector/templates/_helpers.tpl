{{- define "otelcol.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "otelcol.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride }}
{{- end }}

{{/* The checks of the real chart's NOTES.txt/_helpers.tpl that make it fail. */}}
{{- define "otelcol.checks" -}}
{{- if not (has .Values.mode (list "daemonset" "deployment" "statefulset")) }}
{{- fail "[ERROR] 'mode' must be set to daemonset, deployment or statefulset" }}
{{- end }}
{{- if not .Values.image.repository }}
{{- fail "[ERROR] 'image.repository' must be set" }}
{{- end }}
{{- $ext := .Values.config.service.extensions | default list }}
{{- if not (or (has "health_check" $ext) (has "healthcheckv2" $ext)) }}
{{- fail "[ERROR] config.service.extensions must include health_check or healthcheckv2" }}
{{- end }}
{{- end }}

{{/* 80 % of a memory limit, in MiB (Mi and Gi quantities). */}}
{{- define "otelcol.gomemlimit" -}}
{{- $q := . | toString }}
{{- $mi := 0 }}
{{- if hasSuffix "Gi" $q }}{{ $mi = mul (trimSuffix "Gi" $q | atoi) 1024 }}{{ else if hasSuffix "Mi" $q }}{{ $mi = trimSuffix "Mi" $q | atoi }}{{ end }}
{{- div (mul $mi 8) 10 }}MiB
{{- end }}

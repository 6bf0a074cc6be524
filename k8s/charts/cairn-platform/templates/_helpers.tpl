{{/* The components: the services with an internal API on their management port, the portal, the entry point. */}}
{{- define "cairn.services" -}}
tenant ingest scheduler metering recovery
{{- end -}}

{{/*
Who calls whom on the management port (the internal API and peers' public API: ADR 0029), as docs/architecture.md
draws it: callee -> callers.
*/}}
{{- define "cairn.callers" -}}
tenant: [ingest, scheduler, metering, recovery]
ingest: [scheduler, metering, recovery]
scheduler: [recovery]
recovery: [scheduler]
metering: []
{{- end -}}

{{- define "cairn.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "cairn.labels" -}}
app.kubernetes.io/name: cairn-{{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: cairn
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "cairn.selector" -}}
app.kubernetes.io/name: cairn-{{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "cairn.image" -}}
{{- $artifact := ternary (printf "cairn-%s-service" .component) (printf "cairn-%s" .component) (has .component (splitList " " (include "cairn.services" .root))) -}}
{{ .root.Values.image.registry }}/{{ $artifact }}:{{ .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- end -}}

{{- define "cairn.isService" -}}
{{- has .component (splitList " " (include "cairn.services" .root)) -}}
{{- end -}}

{{/* A component's service account: <release>-<service>-service for the services (what IRSA trusts), else <release>-<component>. */}}
{{- define "cairn.serviceAccount" -}}
{{- if eq (include "cairn.isService" .) "true" -}}
{{- printf "%s-%s-service" .root.Release.Name .component | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- include "cairn.name" . -}}
{{- end -}}
{{- end -}}

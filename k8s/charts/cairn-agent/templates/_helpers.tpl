{{- define "cairn-agent.labels" -}}
app.kubernetes.io/name: cairn-agent
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "cairn-agent.selector" -}}
app.kubernetes.io/name: cairn-agent
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

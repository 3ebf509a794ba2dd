{{/* The chart's name, or nameOverride. */}}
{{- define "culprit.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's resource name: fullnameOverride, else RELEASE-culprit (RELEASE when it already names the chart). */}}
{{- define "culprit.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "culprit.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The labels that select the release's pods. */}}
{{- define "culprit.selectorLabels" -}}
app.kubernetes.io/name: {{ include "culprit.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The recommended labels of every resource. */}}
{{- define "culprit.labels" -}}
helm.sh/chart: {{ include "culprit.chart" . }}
{{ include "culprit.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: engine
app.kubernetes.io/part-of: culprit
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "culprit.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "culprit.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the HTTP bearer token, or nothing when there is none. */}}
{{- define "culprit.tokenSecret" -}}
{{- if .Values.http.token.existingSecret -}}
{{- .Values.http.token.existingSecret -}}
{{- else if .Values.http.token.value -}}
{{- printf "%s-http-token" (include "culprit.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* The arguments of culprit run. */}}
{{- define "culprit.args" -}}
- run
- --bootstrap-servers
- {{ required "kafka.bootstrapServers is required (HOST:PORT of your Kafka cluster)" .Values.kafka.bootstrapServers | quote }}
- --application-id
- {{ .Values.kafka.applicationId | quote }}
- --partitions
- {{ .Values.kafka.partitions | quote }}
- --http-port
- {{ .Values.http.port | quote }}
- --otlp-grpc-port
- {{ .Values.otlpGrpc.port | quote }}
- --http-bind
- "0.0.0.0"
- --max-body-bytes
- {{ .Values.http.maxBodyBytes | int64 | quote }}
- --state-dir
- /var/lib/culprit/state
{{- if include "culprit.tokenSecret" . }}
- --http-token-env
- CULPRIT_HTTP_TOKEN
{{- end }}
{{- range .Values.notify.destinations }}
- --notify
- {{ . | quote }}
{{- end }}
{{- if .Values.notify.destinations }}
- --notify-updates
- {{ .Values.notify.updates | quote }}
{{- end }}
{{- with .Values.notify.feedbackUrl }}
- --feedback-url
- {{ . | quote }}
{{- end }}
{{- with .Values.entityLabels.service }}
- --service-labels
- {{ join "," . | quote }}
{{- end }}
{{- with .Values.entityLabels.instance }}
- --instance-labels
- {{ join "," . | quote }}
{{- end }}
{{- with .Values.entityLabels.node }}
- --node-labels
- {{ join "," . | quote }}
{{- end }}
{{- with .Values.model }}
- --model
- {{ . | quote }}
{{- end }}
{{- range .Values.extraArgs }}
- {{ . | quote }}
{{- end }}
{{- end -}}

{{/* An HTTP probe on the receivers' port. */}}
{{- define "culprit.probe" -}}
httpGet:
  path: {{ .probe.path }}
  port: http
{{- with .probe.initialDelaySeconds }}
initialDelaySeconds: {{ . }}
{{- end }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
{{- end -}}

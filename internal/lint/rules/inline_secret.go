package rules

import (
	"regexp"
	"strings"

	"github.com/otelcfg/otelcfg/internal/catalog"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/rules/ruleutil"
)

// secretKeys are setting names whose value is a credential.
var secretKeys = map[string]bool{
	"password": true, "client_secret": true, "api_key": true, "apikey": true, "token": true, "bearer_token": true,
	"access_token": true, "auth_token": true, "secret_key": true, "secret_access_key": true, "access_key_secret": true,
	"key_pem": true, "private_key": true, "sas_token": true, "connection_string": true,
}

// secretHeaders are HTTP/gRPC header names (lower case) that carry a credential.
var secretHeaders = map[string]bool{
	"authorization": true, "proxy-authorization": true, "x-api-key": true, "api-key": true, "apikey": true, "x-auth-token": true,
	"x-honeycomb-team": true, "dd-api-key": true, "x-sf-token": true, "lightstep-access-token": true, "signoz-access-token": true,
	"x-goog-api-key": true, "x-license-key": true, "api-token": true, "x-api-token": true, "x-access-token": true, "private-token": true,
	"x-insert-key": true, "uptrace-dsn": true, "x-seq-apikey": true,
}

// InlineSecret reports credentials written in the config instead of taken
// from the environment or a file.
var InlineSecret = register(&lint.Rule{
	ID:       "inline-secret",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A credential is written inline in the config",
		Text: "API keys, tokens, passwords and Authorization headers written in the config end up in Git, in Helm release secrets, in ConfigMaps anyone in the namespace can read, and in support bundles. " +
			"Reference them instead: `${env:API_KEY}` (in Kubernetes, fill the variable from a Secret with `extraEnvs`/`env` and `secretKeyRef`) or `${file:/var/run/secrets/...}`. " +
			"otelcfg looks at header values (authorization, x-api-key, api-key, vendor token headers...) and at settings named password, token, client_secret, api_key, bearer_token, key_pem and the like; a value that contains a `${...}` reference is fine, and so is an obvious placeholder that no one would deploy (`<YOUR_API_KEY>`, `Bearer <token>`, `CHANGEME`, `xxxx`, `0000`, `your-token-here`, `{{ .Values.key }}`, `$API_KEY`).",
		Bad:  "exporters:\n  otlp_http:\n    endpoint: https://api.example.com\n    headers:\n      x-api-key: 3f9c2a7e5b1d4c6a8e0f\n",
		Good: "exporters:\n  otlp_http:\n    endpoint: https://api.example.com\n    headers:\n      x-api-key: ${env:EXAMPLE_API_KEY}\n",
	},
	Check: func(pass *lint.Pass) error {
		refs := map[config.Pos]bool{}
		for _, e := range pass.Doc.Env {
			refs[e.Pos] = true
		}
		forEachComponent(pass, func(c *config.Component, _ catalog.Class) {
			walkMaps(c.Node, c.Path, func(m *config.Node, path string) {
				inHeaders := strings.HasSuffix(path, ".headers")
				for _, e := range m.Entries {
					v := e.Value
					if v == nil || v.Kind != config.ScalarNode || v.Tag != "!!str" || !ruleutil.UserNode(v) || refs[v.Pos] || placeholderSecret(v.Value) {
						continue
					}
					if v.Pos.File != "" && pass.Doc.File != "" && v.Pos.File != pass.Doc.File {
						continue // read through ${file:...}
					}
					k := strings.ToLower(e.Key)
					switch {
					case inHeaders && secretHeaders[k]:
						pass.Reportf(v.Pos, config.JoinPath(path, e.Key), "%s %q: header %s holds a credential written inline: reference it with ${env:VAR} (fed from a Secret) or ${file:path}", c.Section[:len(c.Section)-1], c.ID, e.Key)
					case !inHeaders && secretKeys[k]:
						pass.Reportf(v.Pos, config.JoinPath(path, e.Key), "%s %q: %s is written inline: reference it with ${env:VAR} (fed from a Secret) or ${file:path}", c.Section[:len(c.Section)-1], c.ID, e.Key)
					}
				}
			})
		})
		return nil
	},
})

// Placeholder shapes (checked on the value without an auth scheme such as
// "Bearer "): a bracketed name, a template or shell variable, one repeated
// character (xxxx, 0000, ****, with separators), or words that say "put
// yours here".
var (
	rePlaceholderShape = regexp.MustCompile(`^(<[^<>]*>|\[[^\[\]]*\]|\{\{.*\}\}|\{[A-Za-z_][A-Za-z0-9_.-]*\}|%\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*)$`)
	rePlaceholderWords = regexp.MustCompile(`(?i)^(your|insert|enter|replace|put|paste|add)[-_ .]|[-_ .](here|goes[-_ .]here)$|^(change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|todo|fixme|tbd|placeholder|redacted|dummy|example|none|null)$`)
	reAuthScheme       = regexp.MustCompile(`(?i)^(bearer|basic|token|apikey|api-token|api-key|genie[-_]?key|splunk|sso-key)\s+`)
)

// placeholderSecret reports whether a credential value is empty or an
// obvious stand-in that a deployment replaces (docs, examples, templates),
// not a secret that leaked into the file.
func placeholderSecret(v string) bool {
	s := strings.TrimSpace(v)
	s = strings.TrimSpace(reAuthScheme.ReplaceAllString(s, ""))
	if s == "" {
		return true
	}
	if rePlaceholderShape.MatchString(s) || rePlaceholderWords.MatchString(s) {
		return true
	}
	return oneRepeatedChar(s)
}

// oneRepeatedChar: "xxxxxxxx", "0000-0000-0000", "********" (at least three
// of one character, ignoring separators).
func oneRepeatedChar(s string) bool {
	var first rune
	n := 0
	for _, r := range strings.ToLower(s) {
		if strings.ContainsRune("-_.: ", r) {
			continue
		}
		if n == 0 {
			first = r
		} else if r != first {
			return false
		}
		n++
	}
	return n >= 3
}

package main

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/iostreams"
)

// TestNewCmdLint checks flag parsing only: runF captures the options.
func TestNewCmdLint(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    LintOptions
		wantErr string
	}{
		{
			name: "defaults",
			args: []string{"a.yaml"},
			want: LintOptions{Paths: []string{"a.yaml"}, Format: "text", FailLevel: "error", MaxSizeMiB: 8},
		},
		{
			name: "paths, dirs, globs and stdin",
			args: []string{"a.yaml", "deploy/", "k8s/**/*.yaml", "-"},
			want: LintOptions{Paths: []string{"a.yaml", "deploy/", "k8s/**/*.yaml", "-"}, Format: "text", FailLevel: "error", MaxSizeMiB: 8},
		},
		{
			name: "repeated config, env and env-file keep their order",
			args: []string{"--config", "base.yaml", "--config", "yaml:a::b: 1, 2", "-e", "A=1", "--env", "B=x=y",
				"--env-file", "one.env", "--env-file", "two.env"},
			want: LintOptions{Paths: []string{}, Configs: []string{"base.yaml", "yaml:a::b: 1, 2"}, Env: []string{"A=1", "B=x=y"},
				EnvFiles: []string{"one.env", "two.env"}, Format: "text", FailLevel: "error", MaxSizeMiB: 8},
		},
		{
			name: "format, fail level and kind",
			args: []string{"-f", "sarif", "--fail-level", "warning", "--kind", "helm-values", "values.yaml"},
			want: LintOptions{Paths: []string{"values.yaml"}, Format: "sarif", FailLevel: "warning", Kind: "helm-values",
				MaxSizeMiB: 8, failLevelSet: true, formatSet: true},
		},
		{
			name: "fix and diff",
			args: []string{"--fix", "--diff", "values.yaml"},
			want: LintOptions{Paths: []string{"values.yaml"}, Fix: true, Diff: true, Format: "text", FailLevel: "error", MaxSizeMiB: 8},
		},
		{
			name: "comma-separated and repeated rule lists",
			args: []string{"--disable", "a,b", "--disable", "c", "--severity", "x=info,y=error",
				"--feature-gates", "service.profilesSupport", "c.yaml"},
			want: LintOptions{Paths: []string{"c.yaml"}, Disable: []string{"a", "b", "c"}, Severity: []string{"x=info", "y=error"},
				FeatureGates: []string{"service.profilesSupport"}, Format: "text", FailLevel: "error", MaxSizeMiB: 8},
		},
		{
			name: "settings switches",
			args: []string{"--settings", "ci/.otelcfg.yaml", "--no-settings", "--no-color", "--max-size", "64", "c.yaml"},
			want: LintOptions{Paths: []string{"c.yaml"}, Settings: "ci/.otelcfg.yaml", NoSettings: true, NoColor: true,
				MaxSizeMiB: 64, Format: "text", FailLevel: "error"},
		},
		{
			name:    "nothing to lint",
			args:    []string{"--format", "json"},
			wantErr: "nothing to lint",
		},
		{
			name:    "unknown flag",
			args:    []string{"--frobnicate", "c.yaml"},
			wantErr: "unknown flag: --frobnicate",
		},
		{
			name:    "max-size not a number",
			args:    []string{"--max-size", "lots", "c.yaml"},
			wantErr: `invalid argument "lots"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *LintOptions
			cmd := newCmdLint(ios, func(o *LintOptions) error {
				got = o
				return nil
			})
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("runF was called despite the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.IO != ios {
				t.Errorf("IO not passed through")
			}
			got.IO = nil
			if got.Program.Name != cli.CollectorProgram {
				t.Errorf("exact layer program %q", got.Program.Name)
			}
			got.Program = cli.Program{}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

const cleanConfig = `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`

const warnConfig = `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  debug:
  otlp_grpc:
    endpoint: gw:4317
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`

const errorConfig = `receivers:
  otlp:
    protocols:
      grpc:
exporters:
  debug:
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug, nope]
`

// TestRunLint runs the command body on hand-built options with buffer
// streams.
func TestRunLint(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	clean, warn, bad := write("clean.yaml", cleanConfig), write("warn.yaml", warnConfig), write("bad.yaml", errorConfig)

	tests := []struct {
		name       string
		opts       LintOptions
		stdin      string
		wantExit   int // 0, or the exitError code
		wantErr    string
		wantOut    []string
		wantNotOut []string
	}{
		{
			name:    "clean",
			opts:    LintOptions{Paths: []string{clean}},
			wantOut: []string{"no problems found in 1 file"},
		},
		{
			name:    "warnings do not fail by default",
			opts:    LintOptions{Paths: []string{warn}},
			wantOut: []string{"warn.yaml:7:3: warning unused-component: "},
		},
		{
			name:     "fail level warning",
			opts:     LintOptions{Paths: []string{warn}, FailLevel: "warning", failLevelSet: true},
			wantExit: cli.ExitFailed,
		},
		{
			name:     "errors fail",
			opts:     LintOptions{Paths: []string{bad}},
			wantExit: cli.ExitFailed,
			wantOut:  []string{"bad.yaml:11:26: error undefined-component: "},
		},
		{
			name:    "fail level none",
			opts:    LintOptions{Paths: []string{bad}, FailLevel: "none", failLevelSet: true},
			wantOut: []string{"1 error"},
		},
		{
			name:     "stdin",
			opts:     LintOptions{Paths: []string{"-"}},
			stdin:    errorConfig,
			wantExit: cli.ExitFailed,
			wantOut:  []string{"-:11:26: error undefined-component: "},
		},
		{
			name:       "disable and severity",
			opts:       LintOptions{Paths: []string{warn}, Disable: []string{"settings-unchecked"}, Severity: []string{"unused-component=info"}},
			wantOut:    []string{"warn.yaml:7:3: info unused-component: ", "0 errors, 0 warnings, 1 info"},
			wantNotOut: []string{"settings-unchecked"},
		},
		{
			name:     "merged configs",
			opts:     LintOptions{Configs: []string{bad, "yaml:service::pipelines::traces::exporters: [debug]"}},
			wantOut:  []string{"no problems found in 2 files"},
			wantExit: 0,
		},
		{
			name:     "env makes the value visible",
			opts:     LintOptions{Configs: []string{clean, "env:X"}, Env: []string{"X=service: {pipelines: {traces: {exporters: [nope]}}}"}},
			wantExit: cli.ExitFailed,
			wantOut:  []string{`references exporter "nope"`},
		},
		{
			name:    "json",
			opts:    LintOptions{Paths: []string{clean}, Format: "json"},
			wantOut: []string{`"summary": {`, `"files": 1`},
		},
		{name: "bad format", opts: LintOptions{Paths: []string{clean}, Format: "yaml"}, wantErr: `--format "yaml": want one of`},
		{name: "bad fail level", opts: LintOptions{Paths: []string{clean}, FailLevel: "loud", failLevelSet: true}, wantErr: `--fail-level: unknown fail level "loud"`},
		{name: "bad kind", opts: LintOptions{Paths: []string{clean}, Kind: "chart"}, wantErr: `--kind "chart"`},
		{name: "bad env", opts: LintOptions{Paths: []string{clean}, Env: []string{"NOEQUALS"}}, wantErr: `--env "NOEQUALS": want KEY=VALUE`},
		{name: "unknown disabled rule", opts: LintOptions{Paths: []string{clean}, Disable: []string{"nope"}}, wantErr: `--disable: unknown rule ID "nope"`},
		{name: "unknown severity rule", opts: LintOptions{Paths: []string{clean}, Severity: []string{"nope=info"}}, wantErr: `--severity: unknown rule ID "nope"`},
		{name: "bad severity", opts: LintOptions{Paths: []string{clean}, Severity: []string{"unused-component"}}, wantErr: `want RULE=error|warning|info`},
		{name: "max size", opts: LintOptions{Paths: []string{clean}, MaxSizeMiB: -1}, wantErr: "--max-size must be at least 1"},
		{name: "missing file", opts: LintOptions{Paths: []string{filepath.Join(dir, "missing.yaml")}}, wantErr: "missing.yaml: no such file or directory"},
		{name: "missing env file", opts: LintOptions{Paths: []string{clean}, EnvFiles: []string{filepath.Join(dir, "x.env")}}, wantErr: "x.env: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, in, out, errOut := iostreams.Test()
			in.WriteString(tt.stdin)
			o := tt.opts
			o.IO = ios
			o.NoSettings = true
			if o.Format == "" {
				o.Format = "text"
			}
			if o.FailLevel == "" {
				o.FailLevel = "error"
			}
			if o.MaxSizeMiB == 0 {
				o.MaxSizeMiB = 8
			}
			o.Fast = true // no collector program here; exact.txtar tests the note
			err := runLint(&o)
			var ee *cli.ExitError
			switch {
			case tt.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				if out.Len() > 0 {
					t.Errorf("output despite a usage error:\n%s", out)
				}
				return
			case tt.wantExit != 0:
				if !errors.As(err, &ee) || ee.Code != tt.wantExit {
					t.Fatalf("error = %v, want exit %d", err, tt.wantExit)
				}
			case err != nil:
				t.Fatalf("unexpected error: %v\n%s", err, out)
			}
			for _, s := range tt.wantOut {
				if !strings.Contains(out.String(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.wantNotOut {
				if strings.Contains(out.String(), s) {
					t.Errorf("stdout has %q:\n%s", s, out)
				}
			}
			if errOut.Len() > 0 {
				t.Errorf("stderr: %s", errOut)
			}
		})
	}
}

// TestRunExitCodes drives the whole command line through run.
func TestRunExitCodes(t *testing.T) {
	t.Setenv("OTELCFG_FAST", "1")
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte(errorConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args       []string
		want       int
		wantStderr string
	}{
		{[]string{"version"}, cli.ExitOK, ""},
		{[]string{"rules", "unused-component"}, cli.ExitOK, ""},
		{[]string{"lint", "--no-settings", bad}, cli.ExitFailed, ""},
		{[]string{"lint", "--no-settings", "--fail-level", "none", bad}, cli.ExitOK, ""},
		{[]string{"lint", filepath.Join(dir, "nope.yaml")}, cli.ExitUsage, "nope.yaml: no such file or directory"},
		{[]string{"lint", "--bogus"}, cli.ExitUsage, "unknown flag: --bogus (see otelcfg lint --help)"},
		{[]string{"rules", "no-such-rule"}, cli.ExitUsage, `no rule "no-such-rule"`},
		{[]string{"completion", "tcsh"}, cli.ExitUsage, `unknown command "tcsh"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			ios, _, _, errOut := iostreams.Test()
			if got := run(ios, tt.args); got != tt.want {
				t.Errorf("exit %d, want %d (stderr %q)", got, tt.want, errOut)
			}
			if tt.wantStderr == "" && errOut.Len() > 0 || !strings.Contains(errOut.String(), tt.wantStderr) {
				t.Errorf("stderr %q, want %q", errOut, tt.wantStderr)
			}
		})
	}
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/lint"
	"github.com/otelcfg/otelcfg/internal/lint/driver"
	"github.com/otelcfg/otelcfg/internal/lint/report"
	"github.com/otelcfg/otelcfg/internal/lint/rules"
)

// LintOptions are the parsed flags of `otelcfg lint`.
type LintOptions struct {
	IO           *iostreams.IOStreams
	Paths        []string
	Configs      []string
	Format       string
	FailLevel    string
	Kind         string
	Env          []string
	EnvFiles     []string
	Disable      []string
	Severity     []string
	FeatureGates []string
	Settings     string
	NoSettings   bool
	MaxSizeMiB   int64
	NoColor      bool
	Fix          bool
	Diff         bool
	ReleaseNames []string
	Fast         bool
	Collector    string
	// Program is the collector program the exact layer runs.
	Program cli.Program

	failLevelSet bool
	formatSet    bool
}

func newCmdLint(io *iostreams.IOStreams, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: io, Program: collectorProgram}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check collector configs, Helm values, OpenTelemetryCollector CRs and ConfigMaps",
		Long: `Check collector configurations with the collector's own validation rules and
otelcfg's extra checks. PATH is a file, a directory (its .yaml/.yml files), a glob
(** spans directories) or - for stdin. Each YAML document is detected as a plain
config, Helm values for the opentelemetry-collector chart, an OpenTelemetryCollector
(v1alpha1 or v1beta1) or a ConfigMap; --kind overrides detection.

--config may be repeated: the sources are merged into one config like the
collector's own --config flags (maps merge, lists are replaced).

Two engines check: the schema and rules (always, in otelcfg itself), and the
exact layer, which runs the collector's own component code (decode, Validate,
create, start where side-effect free) in the otelcfg-collector program when it
is installed next to otelcfg or on PATH. --fast (or OTELCFG_FAST=1, or
fast: true in .otelcfg.yaml) skips the exact layer, for editors.
--collector PATH runs your own collector binary's validate instead (any
distribution or version; its component list decides which types exist).

--fix applies the fixes findings offer (renames of deprecated types, migrations of
removed components, deletion of dead loki.* hints; see docs/rules.md), in plain
configs, Helm values, CRs (inside a v1alpha1 string config too) and ConfigMaps,
keeping comments and key order; it says on stderr what each fix did, writes the
files and reports what is left. --fix --diff writes nothing: it prints a unified
diff of what --fix would change (apply it with patch -p1 or git apply) and exits
as plain lint does on the files as they are, so CI can show the fix and still
fail on the problems.

Exit status: 0 no finding at or above --fail-level, 1 there is one, 2 usage error
or unreadable input.`,
		Example: `  otelcfg lint collector.yaml
  otelcfg lint --format sarif deploy/ > otelcfg.sarif
  otelcfg lint --config base.yaml --config prod.yaml
  otelcfg lint --fix --diff deploy/ > fixes.patch
  helm get values my-release -o yaml | otelcfg lint --kind helm-values -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.failLevelSet = cmd.Flags().Changed("fail-level")
			opts.formatSet = cmd.Flags().Changed("format")
			if len(opts.Paths) == 0 && len(opts.Configs) == 0 {
				return fmt.Errorf("nothing to lint: give a PATH, - for stdin, or --config (see otelcfg lint --help)")
			}
			if runF != nil {
				return runF(opts)
			}
			return runLint(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(report.Formats, ", "))
	f.StringVar(&opts.FailLevel, "fail-level", "error", "lowest severity that makes the exit status 1: error, warning, info or none")
	f.StringVar(&opts.Kind, "kind", "", "treat every document as this kind: "+kindList())
	f.StringArrayVar(&opts.Configs, "config", nil, "collector --config source (path, file:, yaml:, env:); repeat to merge")
	f.StringArrayVarP(&opts.Env, "env", "e", nil, "give an environment variable a value, KEY=VALUE (repeatable)")
	f.StringArrayVar(&opts.EnvFiles, "env-file", nil, "read KEY=VALUE lines from a file (repeatable)")
	f.StringSliceVar(&opts.Disable, "disable", nil, "rule IDs not to run (comma-separated or repeated)")
	f.StringSliceVar(&opts.Severity, "severity", nil, "override a rule's severity, RULE=error|warning|info")
	f.StringSliceVar(&opts.FeatureGates, "feature-gates", nil, "collector feature gates enabled where the config runs (e.g. service.profilesSupport)")
	f.StringVar(&opts.Settings, "settings", "", "settings file to use instead of the nearest "+driver.SettingsFile)
	f.BoolVar(&opts.NoSettings, "no-settings", false, "ignore "+driver.SettingsFile+" files")
	f.Int64Var(&opts.MaxSizeMiB, "max-size", config.DefaultLimits.MaxBytes>>20, "largest input file to read, in MiB")
	f.BoolVar(&opts.NoColor, "no-color", false, "never colour text output")
	f.BoolVar(&opts.Fix, "fix", false, "apply the fixes findings offer (renamed types, removed components migrated, dead loki.* hints deleted) to the files, then report what is left")
	f.BoolVar(&opts.Diff, "diff", false, "with --fix: print a unified diff of the fixes instead of writing them; exit status as without --fix")
	f.BoolVar(&opts.Fast, "fast", os.Getenv("OTELCFG_FAST") == "1", "skip the exact layer (the collector's own component code): schema and rules only (default from OTELCFG_FAST=1)")
	f.StringVar(&opts.Collector, "collector", "", "check component settings with this collector binary's validate (and its component list) instead of otelcfg-collector")
	f.StringArrayVar(&opts.ReleaseNames, "release-name", nil, "Helm release a values file is installed as, FILE=NAME (repeatable), to resolve Service names across files; without it any release name matches")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.Formats, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(kindStrings(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("disable", ruleIDCompletion)
	return cmd
}

func kindStrings() []string {
	out := make([]string, len(config.Kinds))
	for i, k := range config.Kinds {
		out[i] = string(k)
	}
	return out
}

func kindList() string { return strings.Join(kindStrings(), ", ") }

func ruleIDCompletion(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID+"\t"+r.Doc.Title)
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// driverOptions turns flags into library options; errors are usage errors.
func (o *LintOptions) driverOptions() (driver.Options, error) {
	lo := driver.Options{Fix: o.Fix, Configs: o.Configs, Disable: o.Disable, FeatureGates: o.FeatureGates,
		SettingsPath: o.Settings, NoSettings: o.NoSettings, Limits: config.Limits{MaxBytes: o.MaxSizeMiB << 20}}
	if o.Kind != "" {
		ok := false
		for _, k := range config.Kinds {
			ok = ok || string(k) == o.Kind
		}
		if !ok {
			return lo, fmt.Errorf("--kind %q: want one of %s", o.Kind, kindList())
		}
		lo.Kind = config.Kind(o.Kind)
	}
	if o.MaxSizeMiB <= 0 {
		return lo, fmt.Errorf("--max-size must be at least 1 (MiB)")
	}
	for _, id := range o.Disable {
		if rules.ByID(id) == nil {
			return lo, fmt.Errorf("--disable: %w", driver.UnknownRuleError(id))
		}
	}
	env := map[string]string{}
	for _, f := range o.EnvFiles {
		vals, err := config.ParseEnvFile(f)
		if err != nil {
			return lo, err
		}
		for k, v := range vals {
			env[k] = v
		}
	}
	for _, kv := range o.Env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return lo, fmt.Errorf("--env %q: want KEY=VALUE", kv)
		}
		env[k] = v
	}
	if len(env) > 0 {
		lo.Env = env
	}
	for _, fn := range o.ReleaseNames {
		file, name, ok := strings.Cut(fn, "=")
		if !ok || file == "" || name == "" {
			return lo, fmt.Errorf("--release-name %q: want FILE=NAME", fn)
		}
		if lo.ReleaseNames == nil {
			lo.ReleaseNames = map[string]string{}
		}
		lo.ReleaseNames[file] = name
	}
	if len(o.Severity) > 0 {
		lo.Severity = map[string]lint.Severity{}
		for _, s := range o.Severity {
			id, lvl, ok := strings.Cut(s, "=")
			if !ok {
				return lo, fmt.Errorf("--severity %q: want RULE=error|warning|info", s)
			}
			if rules.ByID(id) == nil {
				return lo, fmt.Errorf("--severity: %w", driver.UnknownRuleError(id))
			}
			sev, err := lint.ParseSeverity(lvl)
			if err != nil {
				return lo, fmt.Errorf("--severity %s: %v", id, err)
			}
			lo.Severity[id] = sev
		}
	}
	return lo, nil
}

func runLint(o *LintOptions) error {
	if !contains(report.Formats, o.Format) {
		return fmt.Errorf("--format %q: want one of %s", o.Format, strings.Join(report.Formats, ", "))
	}
	if o.Diff && !o.Fix {
		return fmt.Errorf("--diff shows what --fix would change: use it with --fix")
	}
	if o.Diff && o.formatSet {
		return fmt.Errorf("--fix --diff prints a unified diff: --format does not apply (lint without --diff for a report)")
	}
	threshold, err := driver.ParseFailLevel(o.FailLevel)
	if err != nil {
		return fmt.Errorf("--fail-level: %v", err)
	}
	lo, err := o.driverOptions()
	if err != nil {
		return err
	}
	if lo.Exact, err = o.exactOptions(); err != nil {
		return err
	}
	res, err := driver.LintPaths(context.Background(), o.Paths, o.IO.In, lo)
	if err != nil {
		return err
	}
	if res.Exact != nil && res.Exact.Err != nil {
		fmt.Fprintf(o.IO.ErrOut, "otelcfg: component code not checked (schema and rules only): %v\n", res.Exact.Err)
	}
	if !o.failLevelSet && res.FailLevel != "" {
		threshold, _ = driver.ParseFailLevel(res.FailLevel) // checked when the settings were read
	}
	if o.Diff {
		return diffFixes(o, res, threshold)
	}
	if err := writeFixes(res.Fixed); err != nil {
		return err
	}
	reportFixes(o.IO.ErrOut, res, "fixed")
	rep := report.Report{Findings: res.Findings, Summary: res.Summary(), Rules: rules.All(), Version: version, Files: res.Files}
	if line := res.Exact.Line(); line != "" {
		rep.Checks = []string{line}
	}
	if err := report.Write(o.IO.Out, o.Format, rep, report.Options{Color: !o.NoColor && o.IO.ColorEnabled()}); err != nil {
		return err
	}
	return exitFor(res.Findings, threshold)
}

func exitFor(fs []lint.Finding, threshold lint.Severity) error {
	for _, f := range fs {
		if f.Severity >= threshold {
			return cli.Exit(cli.ExitFailed, nil)
		}
	}
	return nil
}

// exactOptions chooses the exact layer's engine: the user's collector
// (--collector), none (--fast), or the otelcfg-collector program when it is
// installed — otherwise lint says once, on stderr, that component code is
// not checked and how to install the program (unless the settings of every
// input say fast: true).
func (o *LintOptions) exactOptions() (*driver.ExactOptions, error) {
	switch {
	case o.Collector != "" && o.Fast:
		return nil, fmt.Errorf("--collector and --fast: choose one")
	case o.Collector != "":
		if _, err := os.Stat(o.Collector); err != nil {
			return nil, fmt.Errorf("--collector: %w", err)
		}
		return &driver.ExactOptions{Runner: &exact.CollectorRunner{Path: o.Collector}, UserCollector: true}, nil
	case o.Fast:
		return nil, nil
	}
	path, err := o.Program.Path()
	if err != nil {
		return &driver.ExactOptions{Unavailable: fmt.Errorf("the %s program is not installed next to otelcfg or on PATH; install it with `go install ./cmd/...` in a clone or `go install github.com/otelcfg/otelcfg/cmd/...@%s`, or pass --fast to skip this check", o.Program.Name, cli.InstallVersion(version))}, nil
	}
	return &driver.ExactOptions{Runner: exact.PluginRunner{Path: path}}, nil
}

// reportFixes says on stderr what each applied fix did, then how many.
func reportFixes(w io.Writer, res *driver.Result, verb string) {
	if res.FixCount == 0 {
		return
	}
	for _, f := range res.Applied {
		fmt.Fprintf(w, "otelcfg: %s: %s: %s\n", f.Pos, f.Rule, f.Fix.Message)
	}
	fmt.Fprintf(w, "otelcfg: %s %d finding(s)\n", verb, res.FixCount)
}

// diffFixes prints what --fix would change as a unified diff (paths a/FILE
// and b/FILE, for patch -p1 and git apply) and writes nothing. The exit
// status is that of linting the files as they are.
func diffFixes(o *LintOptions, res *driver.Result, threshold lint.Severity) error {
	for i, in := range res.Fixed {
		name := filepath.ToSlash(filepath.Clean(in.Name))
		if _, err := o.IO.Out.Write(diff.Diff("a/"+name, res.Original[i].Data, "b/"+name, in.Data)); err != nil {
			return err
		}
	}
	reportFixes(o.IO.ErrOut, res, "would fix")
	left := lint.Summarize(len(res.Files), res.Findings)
	fmt.Fprintf(o.IO.ErrOut, "otelcfg: --diff wrote nothing; after the fixes %d error(s), %d warning(s), %d info(s) would be left\n", left.Errors, left.Warnings, left.Infos)
	return exitFor(res.Unfixed, threshold)
}

// writeFixes writes the text --fix produced back to each file, keeping its
// permissions.
func writeFixes(fixed []config.Input) error {
	for _, in := range fixed {
		st, err := os.Stat(in.Name)
		if err != nil || !st.Mode().IsRegular() {
			continue // not a file of ours (a yaml: source)
		}
		if err := os.WriteFile(in.Name, in.Data, st.Mode().Perm()); err != nil {
			return &config.InputError{Path: in.Name, Err: err}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Package renderrun does the work of otelcfg-render's commands (package
// rendercli declares them): it links the generators, the Helm SDK and the
// operator's Kubernetes API types.
package renderrun

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/rendercli"
	"github.com/otelcfg/otelcfg/internal/config"
	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/render"
	"github.com/otelcfg/otelcfg/internal/render/convert"
	"github.com/otelcfg/otelcfg/internal/render/helmsdk"
	"github.com/otelcfg/otelcfg/internal/render/operator"
)

// NewRootCmd returns otelcfg-render's command tree, ready to run.
func NewRootCmd(io *iostreams.IOStreams, version string) *cobra.Command {
	return rendercli.NewRootCmd(io, version, Run())
}

// Run is what otelcfg-render's commands do.
func Run() rendercli.Run {
	return rendercli.Run{Helm: runHelm, Operator: runOperator, Convert: runConvert}
}

func runHelm(cmd *cobra.Command, opts *rendercli.HelmOptions) error {
	in, err := load(opts.IO, opts.File)
	if err != nil {
		return err
	}
	res, err := render.Helm(cmd.Context(), in, render.HelmOptions{Mode: opts.Mode, Release: opts.Release, Namespace: opts.Namespace,
		Image: opts.Image, Memory: opts.Memory, Set: opts.Set, Subchart: opts.Subchart, Version: opts.Version})
	if res != nil {
		printNotes(cmd, opts.IO, res.Notes)
	}
	if err != nil {
		return rejected(err)
	}
	if opts.Chart != "" {
		release := opts.Release
		if release == "" {
			release = render.ChartName
		}
		ns := opts.Namespace
		if ns == "" {
			ns = "default"
		}
		r, err := helmsdk.Render(opts.Chart, res.Values, release, ns)
		if err != nil {
			return cli.Failed(err)
		}
		var got any
		if err := yaml.Unmarshal([]byte(r.Config), &got); err != nil {
			return cli.Failed(fmt.Errorf("the chart's ConfigMap config is not YAML: %w", err))
		}
		if d := render.Diff(res.Expected.Plain(), got); len(d) > 0 {
			return cli.Failed(fmt.Errorf("chart %s renders a different config (nothing written): %s", opts.Chart, strings.Join(d, "; ")))
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s: verified: chart %s renders the config\n", prefix(cmd), opts.Chart)
	}
	return write(cmd, opts.IO, opts.Output, res.Values)
}

func runOperator(cmd *cobra.Command, opts *rendercli.OperatorOptions) error {
	in, err := load(opts.IO, opts.File)
	if err != nil {
		return err
	}
	res, err := operator.Render(cmd.Context(), in, operator.Options{API: opts.API, Mode: opts.Mode, Name: opts.Name,
		Namespace: opts.Namespace, Image: opts.Image, Memory: opts.Memory, Version: opts.Version})
	if res != nil {
		printNotes(cmd, opts.IO, res.Notes)
	}
	if err != nil {
		return rejected(err)
	}
	out := res.CR
	if opts.Instrumentation {
		inst, err := operator.Instrumentation(cmd.Context(), res.Expected, operator.InstrumentationOptions{
			Name: res.Name, Namespace: opts.Namespace, Mode: res.Mode, File: opts.File, Version: opts.Version})
		if inst != nil {
			printNotes(cmd, opts.IO, inst.Notes)
		}
		if err != nil {
			return rejected(err)
		}
		out = append(append(append([]byte(nil), out...), "---\n"...), inst.YAML...)
	}
	return write(cmd, opts.IO, opts.Output, out)
}

func runConvert(cmd *cobra.Command, opts *rendercli.ConvertOptions) error {
	in, err := config.ReadInput(opts.File, opts.IO.In, config.Limits{})
	if err != nil {
		return err
	}
	src, err := convert.Read(in.Name, in.Data)
	if err != nil {
		return err
	}
	res, err := convert.Convert(cmd.Context(), src, convert.Options{To: opts.To, Name: opts.Name, Namespace: opts.Namespace, Version: opts.Version})
	if res != nil {
		printNotes(cmd, opts.IO, res.Notes)
	}
	if err != nil {
		return rejected(err)
	}
	return write(cmd, opts.IO, opts.Output, res.Output)
}

// load reads file ("-" for stdin) as a plain collector config.
func load(io *iostreams.IOStreams, file string) (*render.Input, error) {
	in, err := config.ReadInput(file, io.In, config.Limits{})
	if err != nil {
		return nil, err
	}
	return render.Load(in.Name, in.Data)
}

// rejected maps errors from the generators: an option they cannot use is
// a usage error (exit 2), everything about the output is exit 1.
func rejected(err error) error {
	var oe *render.OptionError
	if errors.As(err, &oe) {
		return cli.Usagef("--%s", oe)
	}
	return cli.Failed(err)
}

// prefix is what messages start with: the command as the user ran it
// through otelcfg ("otelcfg render", "otelcfg convert").
func prefix(cmd *cobra.Command) string { return cli.Prefix(cmd, 2) }

// printNotes prints notes once each (render.DedupeNotes), with the
// input position where a note has one.
func printNotes(cmd *cobra.Command, io *iostreams.IOStreams, notes []render.Note) {
	for _, n := range render.DedupeNotes(notes) {
		fmt.Fprintf(io.ErrOut, "%s: %s\n", prefix(cmd), n)
	}
}

func write(cmd *cobra.Command, io *iostreams.IOStreams, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := io.Out.Write(data)
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(io.ErrOut, "%s: wrote %s\n", prefix(cmd), path)
	return nil
}

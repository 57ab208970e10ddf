package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/iostreams"
	"github.com/otelcfg/otelcfg/internal/schemaexport"
)

// SchemaExportOptions are the flags of `otelcfg schema export`.
type SchemaExportOptions struct {
	IO     *iostreams.IOStreams
	Format string // jsonschema or cue
	Output string // file; "" or "-" is stdout
}

func newCmdSchema(io *iostreams.IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Export the schema of collector configs for editors and other tools",
		Args:  cobra.NoArgs,
	}
	opts := &SchemaExportOptions{IO: io}
	export := &cobra.Command{
		Use:   "export",
		Short: "Write the config schema as JSON Schema (for yaml-language-server / VS Code) or CUE",
		Long: "Write the schema of a whole collector config: as a JSON Schema (draft-07, with upstream\n" +
			"descriptions and defaults) that yaml-language-server and VS Code use for completion and\n" +
			"validation, or as one CUE file (validate with `cue vet -d '#Config'`).",
		Example: "  otelcfg schema export -o otelcfg.schema.json\n  otelcfg schema export --format cue -o otelcfg.cue",
		Args:    cobra.NoArgs,
		RunE:    func(*cobra.Command, []string) error { return runSchemaExport(opts) },
	}
	export.Flags().StringVarP(&opts.Format, "format", "f", "jsonschema", "jsonschema or cue")
	export.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` instead of stdout")
	cmd.AddCommand(export)
	return cmd
}

func runSchemaExport(opts *SchemaExportOptions) error {
	src := schemaexport.Default()
	var out []byte
	var err error
	switch opts.Format {
	case "jsonschema":
		out, err = src.JSONSchema()
	case "cue":
		out, err = src.CUE()
	default:
		return fmt.Errorf("--format %q: want jsonschema or cue", opts.Format)
	}
	if err != nil {
		return err
	}
	if opts.Output == "" || opts.Output == "-" {
		_, err = opts.IO.Out.Write(out)
		return err
	}
	return os.WriteFile(opts.Output, out, 0o644)
}
